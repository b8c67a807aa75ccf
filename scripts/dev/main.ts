/**
 * `npm start`: the whole system on this machine. Finds a Kafka broker and a PostgreSQL (KAFKA_URL and
 * DATABASE_URL when set, else the project's own, started when needed), creates the topics, builds and
 * runs every app, prints the URLs to open, restarts (with back-off) an app that exits on its own, as the
 * platform would, and on Ctrl-C stops everything it started. Data is kept between runs (Kafka's and
 * PostgreSQL's state live in .local/).
 *
 * The apps run from their TypeScript through tsx; `npm start -- --built` builds them and runs the builds
 * with plain node instead, as Heroku and the Docker images do.
 */
import { join } from "node:path";
import { resolveKafka, stopLocalBroker } from "../kafka/local-kafka";
import { stopEmbedded } from "../postgres/embedded";
import { resolveDatabase } from "../postgres/postgres";
import { defaultPorts } from "./apps";
import { startSystem } from "./system";

const repoRoot = join(import.meta.dirname, "../..");
const stateDir = process.env.EDM_STATE_DIR ?? join(repoRoot, ".local");
const say = (line: string) => console.log(`\x1b[1m[edm]\x1b[0m ${line}`);
const appLine = (app: string, line: string) => console.log(`\x1b[36m${app.padEnd(13)}\x1b[0m| ${line}`);

async function main() {
  // The apps inherit this environment: readable log lines for a person at a terminal.
  process.env.LOG_PRETTY ??= "1";
  const kafka = await resolveKafka({ log: (line) => say(`kafka: ${line}`) });
  const database = await resolveDatabase({ database: "edm", log: (line) => say(`postgres: ${line}`) });
  const infra = { kafkaEnv: kafka.plaintextEnv, databaseUrl: database.url };
  const form = process.argv.includes("--built") ? "built" : "source";
  const system = await startSystem({ ports: defaultPorts, infra, repoRoot, say, onAppLine: appLine, form });

  say("the system is up. Open the shop and the dashboard side by side:");
  const byInterest = [...system.started].sort((a, b) => Number(b.frontEnd) - Number(a.frontEnd));
  for (const app of byInterest) say(`  ${app.title.padEnd(16)} ${app.url}`);
  for (const name of system.missing) say(`  (apps/${name} has no start script yet)`);
  if (form === "built") say("each app runs its production build (node --enable-source-maps dist/…)");
  say("an app that exits on its own is reported here and restarted. Ctrl-C stops everything.");

  let stopping = false;
  // A terminal's Ctrl-C reaches npm and this process alike, so the signal can come more than once.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the apps, then what this command started of Kafka and PostgreSQL`);
    await system.stop();
    if (kafka.startedBroker) await stopLocalBroker(undefined, say).catch(() => undefined);
    if (database.startedEmbedded) await stopEmbedded({ stateDir, log: say }).catch(() => undefined);
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("Ctrl-C"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(`[edm] could not start the system: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
