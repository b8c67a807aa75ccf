import type { Logger } from "./logger";

/** What a started service hands back: one call that drains and closes everything it opened. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** The part of `process` that runService listens to; tests pass an EventEmitter. */
export interface SignalSource {
  on(event: "SIGTERM" | "SIGINT", listener: (signal: NodeJS.Signals) => void): unknown;
}

/** What runService hands to `start`. */
export interface ServiceContext {
  /**
   * Ends a service that cannot go on (its Kafka consumer stopped for good, say): logs `why` at fatal level,
   * runs the same time-bounded stop as SIGTERM, then exits 1 so that the platform starts a fresh process.
   * May be called during start, and more than once; only the first call counts.
   */
  fail(error: unknown, why: string): void;
}

export interface RunServiceOptions {
  name: string;
  log: Logger;
  start: (context: ServiceContext) => Promise<Stoppable>;
  /** Heroku sends SIGTERM and kills the dyno 30 s later; stopping must finish well before that. */
  stopTimeoutMs?: number;
  signals?: SignalSource;
  exit?: (code: number) => void;
  /** Stopped after the service (startTracing's result), so the last spans are sent before exiting. */
  tracing?: Stoppable;
}

/** The tracing exporter gets this long to send what it holds; spans are not worth a missed deadline. */
const TRACING_STOP_MS = 2_000;

/**
 * Runs a service's lifecycle: start, then on SIGTERM/SIGINT (or `fail`) a time-bounded stop, then exit.
 * Exit codes: 1 when start fails, 0 after a clean stop, 1 when stop fails or overruns its time, 1 after
 * `fail`, and 1 right away on a SIGINT while stopping. Resolves once start has succeeded or failed.
 */
export async function runService(options: RunServiceOptions): Promise<void> {
  const { name, log, start, stopTimeoutMs = 25_000, signals = process } = options;
  const exit = once(options.exit ?? ((code: number) => process.exit(code)));

  let started: Promise<Stoppable | undefined> | undefined;
  let stopping = false;
  let failed = false;

  const stop = () => {
    stopping = true;
    void started
      ?.then((service) => (service ? stopWithin(service, stopTimeoutMs, name, log) : 1))
      .then(async (code) => {
        if (options.tracing) await stopWithin(options.tracing, TRACING_STOP_MS, "tracing", log);
        exit(failed ? 1 : code);
      });
  };

  // Listening before start() means a SIGTERM during a slow start still gets a clean stop afterwards.
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) {
      log.info({ signal }, `stopping: received ${signal}`);
      stop();
      return;
    }
    // Heroku sends SIGTERM to every process in a dyno, so it may arrive twice: the stop goes on. A second
    // Ctrl-C is a person at a terminal who does not want to wait.
    if (signal === "SIGINT") {
      log.warn({ signal }, "received SIGINT while stopping; exiting now without finishing the stop");
      exit(1);
    } else {
      log.info({ signal }, `received ${signal} again while stopping; the stop goes on`);
    }
  };
  signals.on("SIGTERM", onSignal);
  signals.on("SIGINT", onSignal);

  const context: ServiceContext = {
    fail: (error, why) => {
      if (failed) return;
      failed = true;
      log.fatal(
        { event: "service.failed", err: error },
        `${name} cannot go on: ${why} (${messageOf(error)}); stopping and exiting 1 so that it is started again`,
      );
      if (!stopping) stop();
    },
  };

  // Through a promise so that a start() that throws synchronously is reported like one that rejects.
  started = Promise.resolve()
    .then(() => start(context))
    .then(
      (service) => {
        log.info(`${name} started`);
        return service;
      },
      (err: unknown) => {
        log.fatal({ err }, `${name} failed to start: ${messageOf(err)}`);
        exit(1);
        return undefined;
      },
    );
  await started;
}

async function stopWithin(service: Stoppable, timeoutMs: number, name: string, log: Logger): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      log.error({ stopTimeoutMs: timeoutMs }, `${name} did not stop within ${timeoutMs} ms; exiting anyway`);
      resolve(1);
    }, timeoutMs);
  });
  const stopped = service.stop().then(
    () => {
      log.info(`${name} stopped cleanly`);
      return 0;
    },
    (err: unknown) => {
      log.error({ err }, `${name} failed to stop cleanly: ${messageOf(err)}`);
      return 1;
    },
  );
  const code = await Promise.race([stopped, timedOut]);
  clearTimeout(timer);
  return code;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function once(exit: (code: number) => void): (code: number) => void {
  let exited = false;
  return (code) => {
    if (exited) return;
    exited = true;
    exit(code);
  };
}
