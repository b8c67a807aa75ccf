import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { writeBrokerFiles } from "./broker-files";
import { kafkaSh, killBroker, requirePortFree, runningPid, stopBroker } from "./broker-process";
import { connectionOf, type LocalKafkaEnv, localKafkaEnv, writeClientFiles } from "./connection";
import { brokerAnswers } from "./readiness";
import { type LocalKafkaSettings, localKafkaSettings } from "./settings";
import { withStartLock } from "./start-lock";

export { type LocalKafkaConnection, type LocalKafkaEnv, readLocalKafka } from "./connection";
export { type LocalKafkaSettings, localKafkaSettings } from "./settings";

export interface KafkaOptions {
  env?: NodeJS.ProcessEnv;
  /** Progress lines for a person; stderr by default. */
  log?: (line: string) => void;
}

export interface ResolvedKafka extends LocalKafkaEnv {
  source: "KAFKA_URL" | "local broker";
  /** True when this call started the project's broker (so a caller may stop it when done). */
  startedBroker: boolean;
}

const herokuVariables = [
  "KAFKA_URL",
  "KAFKA_TRUSTED_CERT",
  "KAFKA_CLIENT_CERT",
  "KAFKA_CLIENT_CERT_KEY",
  "KAFKA_PREFIX",
];
const defaultLog = (line: string) => process.stderr.write(`[edm kafka] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Finds a Kafka to use, as resolveDatabase finds a PostgreSQL: KAFKA_URL (with its TLS variables and
 * KAFKA_PREFIX) as given; else the project's own broker (scripts/kafka), started when it is not running
 * and waited for until a client can use it. `certsDir` holds the local certificates that refusal tests
 * present (EDM_KAFKA_CERTS_DIR when KAFKA_URL is given).
 */
export async function resolveKafka(options: KafkaOptions = {}): Promise<ResolvedKafka> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const settings = localKafkaSettings(env);
  if (env.KAFKA_URL) {
    log("using the Kafka broker given in KAFKA_URL");
    const given = Object.fromEntries(
      herokuVariables.flatMap((name) => (env[name] ? [[name, env[name]]] : [])),
    );
    const certsDir = env.EDM_KAFKA_CERTS_DIR ?? settings.certsDir;
    return { plaintextEnv: given, herokuEnv: given, certsDir, source: "KAFKA_URL", startedBroker: false };
  }
  const { startedNow } = await startLocalBroker(settings, log);
  return {
    ...(await localKafkaEnv(connectionOf(settings))),
    source: "local broker",
    startedBroker: startedNow,
  };
}

/**
 * Starts the project's broker unless it runs, and waits until a client can use it on both listeners.
 * Installs Kafka's jars and makes the certificates first when missing.
 */
export async function startLocalBroker(
  settings: LocalKafkaSettings = localKafkaSettings(),
  log: (line: string) => void = defaultLog,
): Promise<{ startedNow: boolean }> {
  const started = Date.now();
  const { ports } = settings;
  return withStartLock(settings.stateDir, async () => {
    await kafkaSh(settings, "certs", log);
    const clientEnv = await localKafkaEnv(connectionOf(settings));
    const pid = await runningPid(settings);
    if (pid !== undefined) {
      await writeClientFiles(settings);
      await waitUntilReady(settings, clientEnv, 0, log);
      log(
        `already running (pid ${pid}): plaintext 127.0.0.1:${ports.plaintext}, mutual TLS 127.0.0.1:${ports.tls}`,
      );
      return { startedNow: false };
    }
    await rm(settings.pidFile, { force: true });
    await requirePortFree("plaintext", ports.plaintext);
    await requirePortFree("mutual TLS", ports.tls);
    await requirePortFree("controller", ports.controller);
    await mkdir(settings.logsDir, { recursive: true });
    await writeBrokerFiles(settings);
    log(`starting Kafka ${settings.version} (log: ${join(settings.logsDir, "server.log")})`);
    const serverLogOffset =
      (await stat(join(settings.logsDir, "server.log")).catch(() => undefined))?.size ?? 0;
    await kafkaSh(settings, "launch", log);
    await waitUntilReady(settings, clientEnv, serverLogOffset, log);
    await writeClientFiles(settings);
    log(
      `ready in ${((Date.now() - started) / 1_000).toFixed(1)} s (pid ${await runningPid(settings)}): ` +
        `plaintext kafka://127.0.0.1:${ports.plaintext}, mutual TLS kafka+ssl://127.0.0.1:${ports.tls}; ` +
        `env files: ${settings.stateDir}/{plaintext,heroku}.env`,
    );
    return { startedNow: true };
  });
}

/** Stops the project's broker (SIGTERM, then SIGKILL after 20 s); nothing happens when it does not run. */
export async function stopLocalBroker(
  settings: LocalKafkaSettings = localKafkaSettings(),
  log: (line: string) => void = defaultLog,
): Promise<void> {
  await stopBroker(settings, log);
}

/** Kills the project's broker without warning (SIGKILL, as a crashed machine would); returns once it is gone. */
export async function killLocalBroker(settings: LocalKafkaSettings = localKafkaSettings()): Promise<void> {
  const pid = await runningPid(settings);
  if (pid !== undefined) await killBroker(pid);
}

/** Asks the broker through a Kafka client until it answers; throws with the log's tail if it dies or hangs. */
async function waitUntilReady(
  settings: LocalKafkaSettings,
  clientEnv: LocalKafkaEnv,
  serverLogOffset: number,
  log: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + settings.startTimeoutMs;
  while (!(await brokerAnswers(clientEnv))) {
    if ((await runningPid(settings)) === undefined) {
      throw new Error(
        `the broker died while starting (full log: ${join(settings.logsDir, "server.log")})${await logTails(settings, serverLogOffset)}`,
      );
    }
    if (Date.now() >= deadline) {
      const tails = await logTails(settings, serverLogOffset);
      await stopBroker(settings, log);
      throw new Error(
        `the broker was not ready after ${settings.startTimeoutMs / 1_000} s, so it was stopped${tails}`,
      );
    }
    await sleep(300);
  }
}

/** What the JVM itself printed (e.g. a bad flag) comes first, then the broker's own last words this start. */
async function logTails(settings: LocalKafkaSettings, serverLogOffset: number): Promise<string> {
  const lastLines = (text: string) => text.trimEnd().split("\n").slice(-30).join("\n");
  const stdoutLog = join(settings.logsDir, "stdout.log");
  const serverLog = join(settings.logsDir, "server.log");
  const jvm = await readFile(stdoutLog, "utf8").catch(() => "");
  const server = (await readFile(serverLog).catch(() => Buffer.alloc(0)))
    .subarray(serverLogOffset)
    .toString();
  return [
    jvm.trim() ? `\n--- last lines of ${stdoutLog} ---\n${lastLines(jvm)}` : "",
    server.trim() ? `\n--- last lines of ${serverLog} (this start) ---\n${lastLines(server)}` : "",
  ].join("");
}
