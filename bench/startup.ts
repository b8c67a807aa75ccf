/**
 * Cold start and memory of each back-end app, from its TypeScript through tsx (how every dyno ran before the
 * production build) and from its build with plain node (how the Procfile runs it now), in the same run,
 * against the same local broker and PostgreSQL. Cold start: from spawning the process to its first
 * `GET /readyz` 200 (Kafka client connected, and edm-stats's database). Memory: the process's resident set
 * (VmRSS) a moment after it is ready.
 *
 *   pnpm bench:startup            (RUNS=5 to change the measured starts per app and form)
 *
 * Builds the apps first. Each app and form gets one unmeasured start (tsx fills its transform cache, the
 * system its file cache), then RUNS measured ones, the two forms taking turns; each start reads in a
 * consumer group of its own, so no start waits for the previous one's group to settle.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { createTestSchema, freePorts } from "@edm/testkit";
import { systemApps, systemUrls } from "../scripts/dev/apps";
import { type AppForm, spawnApp } from "../scripts/dev/processes";
import { ensureTopics } from "../scripts/dev/topics";
import { resolveKafka } from "../scripts/kafka/local-kafka";
import { resolveDatabase } from "../scripts/postgres/postgres";

const BACK_ENDS = ["edm-relay", "edm-stream", "edm-stats"] as const;
type BackEnd = (typeof BACK_ENDS)[number];
const FORMS: readonly AppForm[] = ["source", "built"];
const FORM_LABEL: Record<AppForm, string> = { source: "tsx (src/main.ts)", built: "built (dist/main.js)" };
const runs = Number(process.env.RUNS ?? 5);
/** How long after /readyz the resident set is read: start-up allocations done, no traffic yet. */
const SETTLE_MS = 1_000;
const READY_TIMEOUT_MS = 60_000;
const repoRoot = join(import.meta.dirname, "..");
const run = promisify(execFile);

interface Sample {
  readyMs: number;
  rssMb: number;
}

/** The resident set of a process, in MB, from /proc (Linux). */
async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for process ${pid}`);
  return kb / 1024;
}

async function startOnce(app: BackEnd, form: AppForm, infra: Infra): Promise<Sample> {
  const [port = 0] = await freePorts(1);
  const local = systemApps.find((candidate) => candidate.name === app);
  if (!local) throw new Error(`${app} is not one of the local apps`);
  const urls = systemUrls({ shop: 1, relay: 1, stream: 1, stats: 1, dashboard: 1 });
  const group = `bench-startup-${randomUUID().slice(0, 8)}`;
  const env = {
    ...local.env(urls, infra),
    PORT: String(port),
    LOG_LEVEL: "warn",
    LOG_PRETTY: "0",
    STREAM_GROUP_ID: group,
    STATS_GROUP_ID: group,
    // As on Heroku, where the release phase migrates and web dynos do not.
    MIGRATE_ON_START: "0",
  };
  const started = performance.now();
  const child = spawnApp(app, repoRoot, env, () => {}, form);
  try {
    const deadline = started + READY_TIMEOUT_MS;
    for (;;) {
      if (child.child.exitCode !== null) {
        throw new Error(`${app} (${form}) exited during start:\n${child.recentOutput().join("\n")}`);
      }
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      if (performance.now() > deadline) throw new Error(`${app} (${form}) was not ready within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const pid = child.child.pid;
    if (pid === undefined) throw new Error(`${app} has no process id`);
    return { readyMs, rssMb: await residentMb(pid) };
  } finally {
    await child.stop();
  }
}

interface Infra {
  kafkaEnv: Record<string, string>;
  databaseUrl: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const range = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

async function main(): Promise<void> {
  console.log("building the apps (pnpm run build) ...");
  await run("pnpm", [...BACK_ENDS.flatMap((app) => ["--filter", app]), "run", "build"], { cwd: repoRoot });
  const kafkaEnv = (await resolveKafka()).plaintextEnv;
  await ensureTopics(kafkaEnv);
  const database = await resolveDatabase({ database: "edm_bench", log: () => {} });
  const schema = await createTestSchema(database.url, "bench-startup");
  const infra = { kafkaEnv, databaseUrl: schema.url };
  try {
    // The schema is migrated once, by the built release command, so no measured start of edm-stats migrates.
    await run("pnpm", ["--filter", "edm-stats", "run", "migrate"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: schema.url },
    });
    const samples = new Map<string, Sample[]>();
    for (const app of BACK_ENDS) {
      for (const form of FORMS) await startOnce(app, form, infra);
      for (let index = 0; index < runs; index++) {
        for (const form of index % 2 === 0 ? FORMS : [...FORMS].reverse()) {
          const key = `${app} ${form}`;
          samples.set(key, [...(samples.get(key) ?? []), await startOnce(app, form, infra)]);
          process.stdout.write(".");
        }
      }
    }
    console.log(`\n\nNode ${process.version}, ${runs} starts per row (median, then min–max):\n`);
    console.log("| app | form | cold start to /readyz (ms) | resident memory after start (MB) |");
    console.log("|---|---|---|---|");
    for (const app of BACK_ENDS) {
      for (const form of FORMS) {
        const rows = samples.get(`${app} ${form}`) ?? [];
        const ready = rows.map((sample) => sample.readyMs);
        const rss = rows.map((sample) => sample.rssMb);
        console.log(
          `| ${app} | ${FORM_LABEL[form]} | ${median(ready).toFixed(0)} (${range(ready, 0)}) | ` +
            `${median(rss).toFixed(1)} (${range(rss, 1)}) |`,
        );
      }
    }
  } finally {
    await schema.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
