import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { captureLogs } from "./capture-logs";
import { runService, type ServiceContext, type Stoppable } from "./run-service";

function harness(start: (context: ServiceContext) => Promise<Stoppable>, stopTimeoutMs = 1_000) {
  const signals = new EventEmitter();
  const { log, lines } = captureLogs();
  const codes: number[] = [];
  let exited: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const running = runService({
    name: "edm-test",
    log,
    start,
    stopTimeoutMs,
    signals,
    exit: (code) => {
      codes.push(code);
      exited(code);
    },
  });
  const messages = () => lines().map((line) => line.msg);
  return { signals, running, exitCode, codes, messages };
}

describe("runService", () => {
  it("stops the service on SIGTERM and exits 0", async () => {
    let stopped = false;
    const h = harness(async () => ({
      stop: async () => {
        stopped = true;
      },
    }));
    await h.running;
    expect(h.codes).toEqual([]);
    h.signals.emit("SIGTERM", "SIGTERM");
    expect(await h.exitCode).toBe(0);
    expect(stopped).toBe(true);
    expect(h.messages()).toEqual([
      "edm-test started",
      "stopping: received SIGTERM",
      "edm-test stopped cleanly",
    ]);
  });

  it("treats SIGINT like SIGTERM", async () => {
    const h = harness(async () => ({ stop: async () => {} }));
    await h.running;
    h.signals.emit("SIGINT", "SIGINT");
    expect(await h.exitCode).toBe(0);
    expect(h.messages()).toContain("stopping: received SIGINT");
  });

  it("exits 1 with one clear line when start fails", async () => {
    const h = harness(async () => {
      throw new Error("DATABASE_URL: is required but not set");
    });
    await h.running;
    expect(await h.exitCode).toBe(1);
    expect(h.messages()).toEqual(["edm-test failed to start: DATABASE_URL: is required but not set"]);
  });

  it("exits 1 when start throws synchronously", async () => {
    const h = harness((() => {
      throw new Error("bad wiring");
    }) as () => Promise<Stoppable>);
    await h.running;
    expect(await h.exitCode).toBe(1);
  });

  it("exits 1 when stop fails", async () => {
    const h = harness(async () => ({
      stop: async () => {
        throw new Error("consumer would not disconnect");
      },
    }));
    await h.running;
    h.signals.emit("SIGTERM", "SIGTERM");
    expect(await h.exitCode).toBe(1);
    expect(h.messages()).toContain("edm-test failed to stop cleanly: consumer would not disconnect");
  });

  it("exits 1 when stop overruns stopTimeoutMs", async () => {
    const h = harness(async () => ({ stop: () => new Promise<void>(() => {}) }), 50);
    await h.running;
    h.signals.emit("SIGTERM", "SIGTERM");
    expect(await h.exitCode).toBe(1);
    expect(h.messages()).toContain("edm-test did not stop within 50 ms; exiting anyway");
  });

  it("exits 1 at once on a SIGINT while stopping (Ctrl-C twice), and only once", async () => {
    const h = harness(async () => ({ stop: () => new Promise<void>(() => {}) }), 10_000);
    await h.running;
    h.signals.emit("SIGINT", "SIGINT");
    h.signals.emit("SIGINT", "SIGINT");
    h.signals.emit("SIGINT", "SIGINT");
    expect(await h.exitCode).toBe(1);
    expect(h.codes).toEqual([1]);
    expect(h.messages()).toContain("received SIGINT while stopping; exiting now without finishing the stop");
  });

  it("lets the stop finish when SIGTERM comes twice, as Heroku may send it", async () => {
    let finishStop: () => void = () => {};
    const stopping = new Promise<void>((resolve) => {
      finishStop = resolve;
    });
    const h = harness(async () => ({
      stop: () => stopping,
    }));
    await h.running;
    h.signals.emit("SIGTERM", "SIGTERM");
    h.signals.emit("SIGTERM", "SIGTERM");
    expect(h.codes).toEqual([]);
    finishStop();
    expect(await h.exitCode).toBe(0);
    expect(h.codes).toEqual([0]);
    expect(h.messages()).toEqual([
      "edm-test started",
      "stopping: received SIGTERM",
      "received SIGTERM again while stopping; the stop goes on",
      "edm-test stopped cleanly",
    ]);
  });

  it("stops cleanly, then exits 1 with the reason, when the service fails for good", async () => {
    let stopped = false;
    let context: ServiceContext | undefined;
    const h = harness(async (given) => {
      context = given;
      return {
        stop: async () => {
          stopped = true;
        },
      };
    });
    await h.running;
    context?.fail(new Error("group coordinator gone"), "the Kafka consumer stopped for good");
    context?.fail(new Error("again"), "a second report");
    expect(await h.exitCode).toBe(1);
    expect(stopped).toBe(true);
    expect(h.codes).toEqual([1]);
    expect(h.messages()).toEqual([
      "edm-test started",
      "edm-test cannot go on: the Kafka consumer stopped for good (group coordinator gone); " +
        "stopping and exiting 1 so that it is started again",
      "edm-test stopped cleanly",
    ]);
  });

  it("exits 1 after a failure reported during a SIGTERM stop", async () => {
    let finishStop: () => void = () => {};
    const stopping = new Promise<void>((resolve) => {
      finishStop = resolve;
    });
    let context: ServiceContext | undefined;
    const h = harness(async (given) => {
      context = given;
      return {
        stop: () => stopping,
      };
    });
    await h.running;
    h.signals.emit("SIGTERM", "SIGTERM");
    context?.fail(new Error("consumer crashed while leaving"), "the Kafka consumer stopped for good");
    finishStop();
    expect(await h.exitCode).toBe(1);
    expect(h.codes).toEqual([1]);
  });

  it("stops once started when the service fails during its start", async () => {
    let stopped = false;
    const h = harness(async ({ fail }) => {
      fail(new Error("consumer crashed"), "the Kafka consumer stopped for good");
      return {
        stop: async () => {
          stopped = true;
        },
      };
    });
    await h.running;
    expect(await h.exitCode).toBe(1);
    expect(stopped).toBe(true);
  });

  it("stops after a slow start when SIGTERM came during it", async () => {
    let stopped = false;
    let finishStart: (service: Stoppable) => void = () => {};
    const slowStart = new Promise<Stoppable>((resolve) => {
      finishStart = resolve;
    });
    const h = harness(() => slowStart);
    h.signals.emit("SIGTERM", "SIGTERM");
    finishStart({
      stop: async () => {
        stopped = true;
      },
    });
    expect(await h.exitCode).toBe(0);
    expect(stopped).toBe(true);
    expect(h.messages()).toEqual([
      "stopping: received SIGTERM",
      "edm-test started",
      "edm-test stopped cleanly",
    ]);
  });
});
