// `pnpm --filter edm-stats rebuild-stats [command] [options]`: rebuilds the statistics from everything Kafka
// retains into a new generation and switches to it (see rebuild.ts), shows the generations, switches back,
// or drops old ones. Same environment as edm-stats: DATABASE_URL, KAFKA_URL (+ TLS, KAFKA_PREFIX),
// STATS_GROUP_ID. Exit codes: 0 done, 1 failed, 2 bad usage, 3 another rebuild is running, 130 interrupted.
import { parseArgs } from "node:util";
import { createKafka } from "@edm/kafka";
import { clientOptions, endPool } from "@edm/postgres";
import { createLogger } from "@edm/runtime";
import pg from "pg";
import { loadConfig } from "./config";
import { APPLICATION } from "./db";
import { activateGeneration, listGenerations, openDeployment } from "./generation-control";
import { migrateDeployment } from "./migrate-deployment";
import { pruneGenerations } from "./prune-generations";
import { RebuildInterruptedError, rebuildStats } from "./rebuild";
import { RebuildBusyError, withRebuildLock } from "./rebuild-lock";
import { generationsReport, progressLine, resultReport } from "./rebuild-report";

const HELP = `Usage: pnpm --filter edm-stats rebuild-stats [command] [options]

Commands:
  (none)            rebuild the statistics from everything Kafka retains into a new generation
                    (a fresh schema and consumer group) while the active one keeps serving, then
                    switch the API and the live counting to it, and print both generations' totals
  status            list the generations and which one is active
  activate <n>      make generation n active again (a rollback); it catches up from its own offsets
  prune             drop the tables of generations replaced more than a minute ago

Options:
  --build-only      rebuild, but do not switch to the new generation
  --prune           before rebuilding, drop the generations replaced earlier (keeps the active one)
  --json            print progress and the result as JSON lines on stdout
  -h, --help        show this help

Only what Kafka still retains can be rebuilt: older events are gone from the topics.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "build-only": { type: "boolean", default: false },
    prune: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
const [command = "rebuild", argument] = positionals;
const print = (line: string) => process.stdout.write(`${line}\n`);
const json = (type: string, body: object) => print(JSON.stringify({ type, ...body }));

if (values.help) {
  print(HELP);
} else {
  process.exitCode = await run().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nrebuild: ${message}\n`);
    if (error instanceof RebuildBusyError) return 3;
    if (error instanceof RebuildInterruptedError) return 130;
    return 1;
  });
}

async function run(): Promise<number> {
  const config = loadConfig();
  // Logs go to stderr, warnings and worse unless LOG_LEVEL says otherwise: stdout is for the report.
  const log = createLogger({
    service: "edm-stats-rebuild",
    level: process.env.LOG_LEVEL?.trim() || "warn",
    destination: process.stderr,
  });
  const deployment = await openDeployment(config.databaseUrl, config.groupId);
  if (command === "rebuild") {
    const abort = new AbortController();
    process.once("SIGINT", () => abort.abort());
    process.once("SIGTERM", () => abort.abort());
    const live = process.stderr.isTTY && !values.json;
    let lastLine = 0;
    const result = await rebuildStats({
      databaseUrl: config.databaseUrl,
      kafka: createKafka(config.kafka, { log }),
      log,
      groupId: config.groupId,
      activate: !values["build-only"],
      pruneRetired: values.prune,
      sessionTimeoutMs: config.sessionTimeoutMs,
      signal: abort.signal,
      onProgress: (progress) => {
        if (values.json) return json("progress", { ...progress, partitions: undefined });
        if (live) return void process.stderr.write(`\r\x1b[2K${progressLine(progress)}`);
        if (Date.now() - lastLine >= 5_000) {
          lastLine = Date.now();
          process.stderr.write(`${progressLine(progress)}\n`);
        }
      },
    });
    if (live) process.stderr.write("\n");
    if (values.json) json("result", result);
    else print(resultReport(result));
    return 0;
  }

  await migrateDeployment({ databaseUrl: config.databaseUrl, log });
  const db = new pg.Pool({ ...clientOptions(config.databaseUrl, APPLICATION), max: 1 });
  try {
    if (command === "status") {
      const generations = await listGenerations(db, deployment);
      if (values.json) json("generations", { generations });
      else print(generationsReport(generations));
      return 0;
    }
    if (command === "activate" && argument !== undefined && /^\d+$/.test(argument)) {
      const target = Number(argument);
      const switched = await withRebuildLock(deployment, () => activateGeneration(db, deployment, target));
      if (values.json) json("activated", switched);
      else
        print(
          switched.switched
            ? `Generation ${target} is active (was ${switched.previous.generation}); live instances follow within their poll interval.`
            : `Generation ${target} was already active; nothing changed.`,
        );
      return 0;
    }
    if (command === "prune") {
      const dropped = await withRebuildLock(deployment, () => pruneGenerations(db, deployment, log));
      if (values.json) json("pruned", { dropped });
      else
        print(
          dropped.length
            ? `Dropped generations ${dropped.map((g) => g.generation).join(", ")}.`
            : "Nothing to prune.",
        );
      return 0;
    }
  } finally {
    await endPool(db, log);
  }
  process.stderr.write(`rebuild: unknown command "${positionals.join(" ")}"\n\n${HELP}\n`);
  return 2;
}
