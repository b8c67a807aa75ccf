import { ALL_TOPICS } from "@edm/schema";
import { createTestSchema, eventually, testKafka, uniqueName } from "@edm/testkit";
import pg from "pg";
import { ensureTopics } from "../../../scripts/dev/topics";
import { type AppProcess, startApp } from "./app-process";

// The system one fault case runs against: edm-relay and edm-stats as real processes, on topics (a
// KAFKA_PREFIX) and a PostgreSQL schema of the case's own, so cases never see each other's events.

export interface ChaosSystem {
  relay: AppProcess;
  /** The edm-stats process running now (a new one after restartStats). */
  stats: AppProcess;
  /** KAFKA_URL and the case's KAFKA_PREFIX: a client with these sees the apps' logical topic names. */
  kafkaEnv: Record<string, string>;
  /** A pool on the case's schema, to read what edm-stats counted. */
  db: pg.Pool;
  /** Starts a new edm-stats process with the same environment, as the platform restarts a dyno. */
  restartStats(): Promise<AppProcess>;
  close(): Promise<void>;
}

export interface ChaosSystemOptions {
  purpose: string;
  kafkaEnv: Record<string, string>;
  /** The server edm-stats writes to; the case gets a schema of its own on it. */
  databaseUrl: string;
}

export async function startChaosSystem(options: ChaosSystemOptions): Promise<ChaosSystem> {
  const kafkaEnv = { ...options.kafkaEnv, KAFKA_PREFIX: `${uniqueName(options.purpose)}.` };
  await ensureTopics(kafkaEnv);
  const schema = await createTestSchema(options.databaseUrl, options.purpose);
  const db = new pg.Pool({ connectionString: schema.url, max: 2 });
  // A database restart ends these connections too; the next query opens a new one.
  db.on("error", () => {});

  const statsEnv = {
    ...kafkaEnv,
    DATABASE_URL: schema.url,
    MIGRATE_ON_START: "1",
    // The smallest the broker allows: a killed instance's partitions move on within seconds.
    STATS_SESSION_TIMEOUT: "6s",
  };
  // The load comes from one address; the per-client limit is not what these tests are about.
  const relayEnv = { ...kafkaEnv, RATE_LIMIT_PER_MINUTE: "100000000", SEND_TIMEOUT_MS: "3s" };
  const [relay, firstStats] = await Promise.all([
    startApp("edm-relay", relayEnv),
    startApp("edm-stats", statsEnv),
  ]);
  const system: ChaosSystem = {
    relay,
    stats: firstStats,
    kafkaEnv,
    db,
    async restartStats() {
      system.stats = await startApp("edm-stats", statsEnv);
      return system.stats;
    },
    async close() {
      await Promise.all([relay.stop(), system.stats.stop()]);
      await db.end().catch(() => {});
      await schema.drop().catch(() => {});
      const admin = testKafka(kafkaEnv, "edm-chaos-cleanup").admin();
      await admin.deleteTopics([...ALL_TOPICS]).catch(() => {});
      await admin.disconnect().catch(() => {});
    },
  };
  try {
    await Promise.all([untilReady(relay), untilReady(firstStats)]);
  } catch (error) {
    await system.close();
    throw error;
  }
  return system;
}

/** Ready means its dependencies answer: for edm-stats, that includes its consumer having joined the group. */
export async function untilReady(app: AppProcess): Promise<void> {
  await eventually(async () => (await fetch(`${app.url}/readyz`).catch(() => undefined))?.status === 200, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: `${app.name} (pid ${app.pid}) to be ready`,
  });
}
