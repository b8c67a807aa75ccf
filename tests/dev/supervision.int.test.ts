// `npm start` keeps apps running as the platform does: the relay, started through the same code, is killed
// with SIGKILL and must come back healthy by itself, with a report that names it.
import { randomUUID } from "node:crypto";
import { eventually, freePorts } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningSystem, startSystem } from "../../scripts/dev/system";
import { repoRoot } from "../setup/paths";

let system: RunningSystem;
const reports: string[] = [];
const appOutput: string[] = [];

const healthy = async () => (await fetch(`${system.urls.relay}/healthz`).catch(() => undefined))?.ok === true;

beforeAll(async () => {
  const roles = ["shop", "relay", "stream", "stats", "dashboard"] as const;
  const ports = await freePorts(roles.length);
  system = await startSystem({
    ports: Object.fromEntries(roles.map((role, index) => [role, ports[index]])) as Record<
      (typeof roles)[number],
      number
    >,
    infra: {
      kafkaEnv: { ...inject("kafkaPlaintextEnv"), KAFKA_PREFIX: `supervise-${randomUUID().slice(0, 8)}.` },
      databaseUrl: inject("databaseUrl"),
    },
    repoRoot,
    build: false,
    only: ["edm-relay"],
    say: (line) => reports.push(line),
    onAppLine: (_app, line) => appOutput.push(line),
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
}, 60_000);

describe("npm start's supervision", () => {
  it("restarts an app killed with SIGKILL, and reports which app died, how, and its last lines", async () => {
    const relay = system.restartable("edm-relay");
    const killed = relay.pid();
    expect(killed).toBeDefined();
    process.kill(killed as number, "SIGKILL");

    await eventually(() => reports.some((line) => line === "edm-relay is back and healthy"), {
      timeoutMs: 60_000,
      what: "edm-relay restarted by itself",
    });
    expect(await healthy()).toBe(true);
    expect(relay.pid()).not.toBe(killed);

    const report = reports.find((line) => line.startsWith("edm-relay exited unexpectedly"));
    expect(report).toContain("(signal SIGKILL)");
    const quoted = report?.split("\n").slice(1) ?? [];
    expect(quoted.length).toBeGreaterThan(0);
    for (const line of quoted) expect(appOutput).toContain(line.trim());
  });

  it("does not restart an app stopped on purpose, and starts it again when asked (outage drills)", async () => {
    const relay = system.restartable("edm-relay");
    const restarts = reports.filter((line) => line === "restarting edm-relay").length;
    await relay.stop();
    expect(await healthy()).toBe(false);
    expect(reports.filter((line) => line === "restarting edm-relay").length).toBe(restarts);
    expect(reports.some((line) => line.includes("exited unexpectedly") && line.includes("SIGTERM"))).toBe(
      false,
    );

    await relay.start();
    expect(await healthy()).toBe(true);
  });
});
