/**
 * `pnpm kafka <command>`: the project's own Apache Kafka broker, without Docker: one KRaft node (broker +
 * controller) on 127.0.0.1 with a plaintext listener and a mutual-TLS listener shaped like Apache Kafka
 * on Heroku. Run with no arguments for usage.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { kafkaSh, runningPid } from "./broker-process";
import { connectionOf, localKafkaEnv, writeClientFiles } from "./connection";
import { localKafkaSettings, startLocalBroker, stopLocalBroker } from "./local-kafka";
import { brokerAnswers } from "./readiness";
import { withStartLock } from "./start-lock";

const settings = localKafkaSettings();
const say = (line: string) => process.stderr.write(`[edm kafka] ${line}\n`);
const { ports, stateDir, logsDir } = settings;

const usage = `Usage: pnpm kafka <command>

Runs a local Apache Kafka ${settings.version} broker (KRaft, one node) for development and tests.

Commands:
  install       fetch Kafka's jars from Maven Central (once)
  start         install if needed, make certificates, start the broker in the background, wait until ready
  stop          stop the broker (SIGTERM, then SIGKILL after 20 s)
  status        say whether it runs (exit 0) or not (exit 1), with pid, version and ports
  logs [-f] [N] show the last N lines (default 100) of the broker log; -f follows it
  certs         make the TLS certificates only (for a broker run elsewhere, e.g. in a container)
  env           print the paths of the env files and connection.json (writing them if missing)
  reset         stop the broker and delete its data and logs (certificates are kept)

Listeners (all on 127.0.0.1):
  plaintext   ${ports.plaintext}   EDM_KAFKA_PORT
  mutual TLS  ${ports.tls}   EDM_KAFKA_TLS_PORT
  controller  ${ports.controller}   EDM_KAFKA_CONTROLLER_PORT

State (certs, data, logs, env files): ${stateDir}   (EDM_STATE_DIR/kafka)
Other settings: EDM_CACHE_DIR, EDM_KAFKA_PREFIX (${settings.prefix}), EDM_KAFKA_START_TIMEOUT (${settings.startTimeoutMs / 1_000} s),
EDM_KAFKA_JVM_OPTS, JAVA_HOME.`;

async function status(): Promise<number> {
  const pid = await runningPid(settings);
  if (pid === undefined) {
    console.log(`Kafka: not running (state: ${stateDir})`);
    return 1;
  }
  const answering = (await brokerAnswers(await localKafkaEnv(connectionOf(settings))))
    ? "answering"
    : "but NOT answering a Kafka client";
  const version = (
    await readFile(join(stateDir, "data-version"), "utf8").catch(() => settings.version)
  ).trim();
  console.log(`Kafka: running, ${answering}
  pid         ${pid}
  version     ${version}
  plaintext   kafka://127.0.0.1:${ports.plaintext}
  mutual TLS  kafka+ssl://127.0.0.1:${ports.tls}
  controller  127.0.0.1:${ports.controller}
  state       ${stateDir}
  log         ${join(logsDir, "server.log")}`);
  return 0;
}

async function logs(args: string[]): Promise<number> {
  let lines = "100";
  const follow: string[] = [];
  for (const arg of args) {
    if (arg === "-f") follow.push("-F");
    else if (/^\d+$/.test(arg)) lines = arg;
    else throw new Error(`logs takes [-f] [number of lines], not '${arg}'`);
  }
  const file = join(logsDir, "server.log");
  if (!existsSync(file)) throw new Error(`no broker log yet (${file}); has it ever been started?`);
  const tail = spawn("tail", ["-n", lines, ...follow, file], { stdio: "inherit" });
  return new Promise((resolve) => tail.once("exit", (code) => resolve(code ?? 0)));
}

async function printEnvFiles(): Promise<number> {
  await kafkaSh(settings, "certs", say);
  await writeClientFiles(settings);
  for (const name of ["plaintext.env", "heroku.env", "connection.json"]) console.log(join(stateDir, name));
  return 0;
}

async function reset(): Promise<number> {
  await withStartLock(stateDir, () => stopLocalBroker(settings, say));
  for (const path of ["data", "logs", "data-version"])
    await rm(join(stateDir, path), { recursive: true, force: true });
  say(`deleted the broker's data and logs in ${stateDir} (certificates kept)`);
  return 0;
}

async function main(command: string | undefined, args: string[]): Promise<number> {
  switch (command) {
    case "install":
      await kafkaSh(settings, "install", say);
      return 0;
    case "start":
      await startLocalBroker(settings, say);
      return 0;
    case "stop":
      await stopLocalBroker(settings, say);
      return 0;
    case "status":
      return status();
    case "logs":
      return logs(args);
    case "certs":
      process.stdout.write(await kafkaSh(settings, "certs", say));
      return 0;
    case "env":
      return printEnvFiles();
    case "reset":
      return reset();
    case undefined:
    case "help":
    case "-h":
    case "--help":
      console.log(usage);
      return 0;
    default:
      console.error(usage);
      throw new Error(`unknown command '${command}'`);
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: Error) => {
    say(`error: ${error.message}`);
    process.exit(1);
  },
);
