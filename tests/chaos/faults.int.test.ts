// The fault suite: each case runs a bounded load through a real edm-relay into a real edm-stats (both
// their own processes), breaks one thing under it, and checks that every event the relay acknowledged is
// counted exactly once, and that nothing but what the case broke had to be restarted. Each case prints a
// row; the whole table is printed at the end.
import { randomUUID } from "node:crypto";
import { DEAD_LETTER_TOPIC, TOPICS } from "@edm/schema";
import { createPrivateBroker, eventually, readTopic, startPrivatePostgres, testKafka } from "@edm/testkit";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import type { AppProcess } from "./support/app-process";
import { type ChaosSystem, type ChaosSystemOptions, startChaosSystem } from "./support/chaos-system";
import { ChaosTable, chaosRow } from "./support/chaos-table";
import { pollStatsApi } from "./support/dashboard-poller";
import { hostileRequests } from "./support/hostile-bodies";
import { type LoadResult, type LoadRun, startLoad } from "./support/load";
import { loadEvent, loadRequest } from "./support/load-events";
import { acknowledgedIds, countedAmong, type Tally, tallyCase, waitForCounting } from "./support/tally";

const CASE_TIMEOUT_MS = 150_000;
const table = new ChaosTable();
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanUp of cleanups.splice(0).reverse()) await cleanUp().catch(() => {});
}, 90_000);

afterAll(() => table.print());

const shared = (): Pick<ChaosSystemOptions, "kafkaEnv" | "databaseUrl"> => ({
  kafkaEnv: inject("kafkaPlaintextEnv"),
  databaseUrl: inject("databaseUrl"),
});

async function open(options: ChaosSystemOptions): Promise<ChaosSystem> {
  const system = await startChaosSystem(options);
  cleanups.push(() => system.close());
  return system;
}

function load(system: ChaosSystem, requests: number, rate: number): LoadRun {
  const run = startLoad({ baseUrl: system.relay.url, requests, rate, request: loadRequest });
  cleanups.push(async () => run.stop());
  return run;
}

/** Waits until the events acknowledged by now are counted: the system is counting, under load. */
async function untilCounting(system: ChaosSystem, run: LoadRun): Promise<void> {
  await eventually(() => run.acks().length > 0, { timeoutMs: 30_000, what: "a first acknowledged event" });
  const probe = acknowledgedIds(run.acks());
  await eventually(async () => (await countedAmong(system.db, probe).catch(() => 0)) === probe.length, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: `edm-stats (pid ${system.stats.pid}) counting the ${probe.length} events acknowledged so far`,
  });
}

/** Lets the load finish, waits for the counting to settle, and adds the case's row to the table. */
async function finish(system: ChaosSystem, name: string, run: LoadRun, faults: number[]) {
  const result = await run.done;
  await waitForCounting(system.db, acknowledgedIds(result.acks));
  const tally = await tallyCase(system.db, result.acks, faults);
  table.add(chaosRow(name, tally));
  return { tally, result };
}

function expectCountedOnce(tally: Tally, result: LoadResult) {
  const what = `statuses ${JSON.stringify(result.statuses)}; some lost ids: ${tally.lostIds.join(", ")}`;
  expect(tally.acknowledged, what).toBeGreaterThan(0);
  expect({ lost: tally.lost, duplicated: tally.duplicated }, what).toEqual({ lost: 0, duplicated: 0 });
}

/** The process is the one the case started, and it is still running: nobody had to restart it. */
function expectUntouched(app: AppProcess, pid: number) {
  // Headlines only: a crash's stack and error fields follow its first line, indented.
  const problems = app
    .problems()
    .filter((line) => !/^\s/.test(line))
    .slice(-10)
    .join("\n");
  expect(app.pid, `${app.name} was replaced`).toBe(pid);
  expect(app.running(), `${app.name} (pid ${pid}) died; its last problems:\n${problems}`).toBe(true);
}

describe("fault suite: every acknowledged event counted exactly once, nothing restarted by hand", () => {
  it(
    "broker SIGKILL, then restart",
    async () => {
      const broker = await createPrivateBroker();
      cleanups.push(() => broker.destroy());
      await broker.start();
      const system = await open({
        purpose: "chaos_broker",
        kafkaEnv: broker.env,
        databaseUrl: inject("databaseUrl"),
      });
      const [relayPid, statsPid] = [system.relay.pid, system.stats.pid];
      const run = load(system, 3_000, 250);
      await untilCounting(system, run);

      const faultAt = Date.now();
      await broker.kill();
      await eventually(() => run.answered(503) > 0, { timeoutMs: 30_000, what: "the relay answering 503" });
      await broker.start();

      const { tally, result } = await finish(system, "broker SIGKILL + restart", run, [faultAt]);
      expectUntouched(system.relay, relayPid);
      expectUntouched(system.stats, statsPid);
      expectCountedOnce(tally, result);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "edm-stats SIGKILL, twice, each time started again as the platform would",
    async () => {
      const system = await open({ purpose: "chaos_stats", ...shared() });
      const relayPid = system.relay.pid;
      const run = load(system, 4_000, 200);
      const faults: number[] = [];
      for (let round = 0; round < 2; round += 1) {
        await untilCounting(system, run);
        faults.push(Date.now());
        await system.stats.kill("SIGKILL");
        await system.restartStats();
      }

      const { tally, result } = await finish(system, "edm-stats SIGKILL x2", run, faults);
      expectUntouched(system.relay, relayPid);
      expectUntouched(system.stats, system.stats.pid);
      expectCountedOnce(tally, result);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "PostgreSQL restarted twice (a private cluster; the shared server is never touched), dashboards polling",
    async () => {
      const postgres = await startPrivatePostgres();
      cleanups.push(() => postgres.destroy());
      const system = await open({ purpose: "chaos_postgres", ...shared(), databaseUrl: postgres.url });
      const [relayPid, statsPid] = [system.relay.pid, system.stats.pid];
      const dashboards = pollStatsApi(() => system.stats.url);
      cleanups.push(() => dashboards.stop());
      const run = load(system, 3_000, 250);
      const faults: number[] = [];
      // Twice, with API reads in flight: a restart that lands while no connection is in use proves little.
      for (let round = 0; round < 2 && system.stats.running(); round += 1) {
        await untilCounting(system, run);
        faults.push(Date.now());
        await postgres.restart();
      }

      const { tally, result } = await finish(system, "PostgreSQL restart x2", run, faults);
      await dashboards.stop();
      expectUntouched(system.relay, relayPid);
      expectUntouched(system.stats, statsPid);
      expectCountedOnce(tally, result);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "poison record through the relay: refused with 400, the flow around it counted once",
    async () => {
      const system = await open({ purpose: "chaos_poison_relay", ...shared() });
      const [relayPid, statsPid] = [system.relay.pid, system.stats.pid];
      const run = load(system, 3_000, 300);
      await untilCounting(system, run);

      const faultAt = Date.now();
      const poison = [
        { ...loadEvent(0), uuid: "a\u0000b" },
        { ...loadEvent(1), properties: { button_id: "nul\u0000inside", description: "button click" } },
      ];
      const statuses = await Promise.all(
        poison.map(async (event) => {
          const answer = await fetch(`${system.relay.url}/api/events`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(event),
          });
          return answer.status;
        }),
      );

      const { tally, result } = await finish(system, "poison via relay (NUL)", run, [faultAt]);
      expect(statuses, "answers to events holding U+0000").toEqual([400, 400]);
      expect(
        await countedAmong(
          system.db,
          poison.map((event) => event.id),
        ),
      ).toBe(0);
      expectUntouched(system.relay, relayPid);
      expectUntouched(system.stats, statsPid);
      expectCountedOnce(tally, result);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "poison records written straight to Kafka: dead-lettered, the flow around them counted once",
    async () => {
      const system = await open({ purpose: "chaos_poison_kafka", ...shared() });
      const [relayPid, statsPid] = [system.relay.pid, system.stats.pid];
      const run = load(system, 3_000, 300);
      await untilCounting(system, run);

      const faultAt = Date.now();
      const nulEvent = {
        ...loadEvent(1),
        properties: { button_id: "nul\u0000inside", description: "poison" },
      };
      const poison = [JSON.stringify(nulEvent), "this is not JSON {"];
      const kafka = testKafka(system.kafkaEnv, "edm-chaos-foreign-producer");
      const producer = kafka.producer();
      await producer.connect();
      await producer.send(
        TOPICS.click,
        poison.map((value) => ({ key: `foreign-${randomUUID()}`, value })),
      );
      await producer.disconnect();

      const { tally, result } = await finish(system, "poison straight to Kafka", run, [faultAt]);
      const letters = await readTopic(kafka, DEAD_LETTER_TOPIC, {
        count: poison.length,
        timeoutMs: 20_000,
      }).catch(() => []);
      // A dead letter may be written twice (a redelivered batch); each poison record must be there.
      const deadLettered = new Set(letters.map((letter) => letter.value?.toString()));
      expect([...deadLettered].sort(), "the dead-letter topic").toEqual([...poison].sort());
      expect(await countedAmong(system.db, [nulEvent.id])).toBe(0);
      expectUntouched(system.relay, relayPid);
      expectUntouched(system.stats, statsPid);
      expectCountedOnce(tally, result);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "5,000 generated hostile bodies: none answered 5xx, every accepted event counted once",
    async () => {
      const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
      const requests = hostileRequests(5_000, seed);
      const system = await open({ purpose: "chaos_hostile", ...shared() });
      const [relayPid, statsPid] = [system.relay.pid, system.stats.pid];
      const run = startLoad({
        baseUrl: system.relay.url,
        requests: requests.length,
        request: (i) => requests[i % requests.length] as (typeof requests)[number],
      });
      cleanups.push(async () => run.stop());

      const { tally, result } = await finish(system, `hostile bodies (seed ${seed})`, run, []);
      const replay = `fast-check seed ${seed}: CHAOS_SEED=${seed} replays these bodies`;
      expect(result.serverErrors, replay).toEqual([]);
      expect(result.unanswered, replay).toBe(0);
      expectUntouched(system.relay, relayPid);
      expectUntouched(system.stats, statsPid);
      expectCountedOnce(tally, result);
    },
    CASE_TIMEOUT_MS,
  );
});
