/**
 * `npm start`: the whole system on this machine. Starts the project's Kafka broker and a PostgreSQL,
 * creates the topics, runs every app that exists with its local settings, prints the URLs to open,
 * and on Ctrl-C stops everything it started.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { resolveDatabase } from "../postgres/postgres";
import { localApps, localUrls } from "./apps";
import { startApps } from "./processes";
import { ensureLocalTopics } from "./topics";

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, "../..");
const stateDir = process.env.EDM_STATE_DIR ?? join(repoRoot, ".local");
const kafkaScript = join(repoRoot, "scripts/kafka/kafka.sh");
const say = (line: string) => console.log(`\x1b[1m[edm]\x1b[0m ${line}`);

async function main() {
  const kafkaWasRunning = await run("bash", [kafkaScript, "status"]).then(
    () => true,
    () => false,
  );
  await run("bash", [kafkaScript, "start"]);
  const connection = JSON.parse(await readFile(join(stateDir, "kafka/connection.json"), "utf8"));
  const database = await resolveDatabase({ database: "edm", log: (line) => say(`postgres: ${line}`) });
  const infra = { kafkaUrl: connection.plaintextUrl as string, databaseUrl: database.url };
  await ensureLocalTopics(infra.kafkaUrl);

  const apps = await startApps(localApps, localUrls, infra, repoRoot);
  say("the system is up:");
  for (const app of apps.started) say(`  ${app.title.padEnd(18)} http://127.0.0.1:${app.port}`);
  for (const app of apps.missing)
    say(`  ${app.title.padEnd(18)} (not built yet: apps/${app.name} has no start script)`);
  say("press Ctrl-C to stop everything");

  const shutdown = async (signal: string) => {
    say(`${signal}: stopping the apps, then Kafka`);
    await apps.stop();
    if (!kafkaWasRunning) await run("bash", [kafkaScript, "stop"]).catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("Ctrl-C"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(`[edm] could not start the system: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
