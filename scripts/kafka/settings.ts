import { join, resolve } from "node:path";

/** Where the project's own broker lives and listens, from the same variables kafka.sh reads. */
export interface LocalKafkaSettings {
  version: string;
  ports: { plaintext: number; tls: number; controller: number };
  /** KAFKA_PREFIX written into heroku.env (EDM_KAFKA_PREFIX). */
  prefix: string;
  startTimeoutMs: number;
  /** `${EDM_STATE_DIR:-<repo>/.local}/kafka`: certificates, data, logs, env files, pid file. */
  stateDir: string;
  certsDir: string;
  dataDir: string;
  logsDir: string;
  pidFile: string;
  /** The environment kafka.sh runs with, so that it agrees with these settings. */
  scriptEnv: NodeJS.ProcessEnv;
}

export const repoRoot = resolve(import.meta.dirname, "../..");
export const kafkaScript = join(repoRoot, "scripts/kafka/kafka.sh");

const defaults = { version: "4.4.0", plaintext: 29092, tls: 29093, controller: 29094, prefix: "edm-local." };

/**
 * Reads EDM_STATE_DIR, EDM_KAFKA_PORT, EDM_KAFKA_TLS_PORT, EDM_KAFKA_CONTROLLER_PORT, EDM_KAFKA_PREFIX,
 * EDM_KAFKA_START_TIMEOUT (seconds) and EDM_KAFKA_VERSION, with kafka.sh's defaults.
 */
export function localKafkaSettings(env: NodeJS.ProcessEnv = process.env): LocalKafkaSettings {
  const stateDir = join(env.EDM_STATE_DIR ?? join(repoRoot, ".local"), "kafka");
  return {
    version: env.EDM_KAFKA_VERSION ?? defaults.version,
    ports: {
      plaintext: port(env, "EDM_KAFKA_PORT", defaults.plaintext),
      tls: port(env, "EDM_KAFKA_TLS_PORT", defaults.tls),
      controller: port(env, "EDM_KAFKA_CONTROLLER_PORT", defaults.controller),
    },
    prefix: env.EDM_KAFKA_PREFIX ?? defaults.prefix,
    startTimeoutMs: seconds(env, "EDM_KAFKA_START_TIMEOUT", 90) * 1_000,
    stateDir,
    certsDir: join(stateDir, "certs"),
    dataDir: join(stateDir, "data"),
    logsDir: join(stateDir, "logs"),
    pidFile: join(stateDir, "broker.pid"),
    scriptEnv: env,
  };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`${name} must be a whole number from 1 to 65535`);
  }
  return value;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number of seconds above 0`);
  return value;
}
