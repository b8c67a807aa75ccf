import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LocalKafkaSettings } from "./settings";

/** How clients reach the project's broker: `<state>/kafka/connection.json`, written on every start. */
export interface LocalKafkaConnection {
  plaintextUrl: string;
  tlsUrl: string;
  certsDir: string;
  prefix: string;
}

/** The variables an app reads, for the plaintext listener and for the Heroku-shaped mutual-TLS one. */
export interface LocalKafkaEnv {
  plaintextEnv: Record<string, string>;
  herokuEnv: Record<string, string>;
  certsDir: string;
}

/**
 * The broker as its last start described it in `<stateDir>/kafka/connection.json` (stateDir being
 * `${EDM_STATE_DIR:-<repo>/.local}`); undefined when it was never started here.
 */
export async function readLocalKafka(
  stateDir: string,
): Promise<{ connection: LocalKafkaConnection; file: string } | undefined> {
  const file = join(stateDir, "kafka/connection.json");
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const connection = JSON.parse(text) as Partial<LocalKafkaConnection>;
  if (typeof connection.plaintextUrl !== "string") return undefined;
  return { connection: connection as LocalKafkaConnection, file };
}

export async function localKafkaEnv(connection: LocalKafkaConnection): Promise<LocalKafkaEnv> {
  const pem = (file: string) => readFile(join(connection.certsDir, file), "utf8");
  return {
    plaintextEnv: { KAFKA_URL: connection.plaintextUrl },
    herokuEnv: {
      KAFKA_URL: connection.tlsUrl,
      KAFKA_TRUSTED_CERT: await pem("ca.pem"),
      KAFKA_CLIENT_CERT: await pem("client.pem"),
      KAFKA_CLIENT_CERT_KEY: await pem("client-key.pem"),
      KAFKA_PREFIX: connection.prefix,
    },
    certsDir: connection.certsDir,
  };
}

export function connectionOf(settings: LocalKafkaSettings): LocalKafkaConnection {
  return {
    plaintextUrl: `kafka://127.0.0.1:${settings.ports.plaintext}`,
    tlsUrl: `kafka+ssl://127.0.0.1:${settings.ports.tls}`,
    certsDir: settings.certsDir,
    prefix: settings.prefix,
  };
}

/**
 * Writes plaintext.env, heroku.env (shaped like the config vars of an Apache Kafka on Heroku add-on) and
 * connection.json. Each file is replaced whole (write, then rename): a test run may read them while
 * another start rewrites them.
 */
export async function writeClientFiles(settings: LocalKafkaSettings): Promise<void> {
  const connection = connectionOf(settings);
  const { herokuEnv } = await localKafkaEnv(connection);
  // Single quotes keep a multi-line PEM intact for `set -a; . heroku.env`; PEM never holds a quote.
  const envLines = (vars: Record<string, string>) =>
    Object.entries(vars).map(([name, value]) => `${name}='${value}'\n`);
  const replace = async (name: string, text: string, mode: number) => {
    const file = join(settings.stateDir, name);
    await writeFile(`${file}.tmp`, text, { mode });
    await rename(`${file}.tmp`, file);
  };
  await replace("plaintext.env", envLines({ KAFKA_URL: connection.plaintextUrl }).join(""), 0o644);
  const heroku = [
    "# Shaped like the config vars Heroku sets for an Apache Kafka on Heroku add-on.\n",
    ...envLines(herokuEnv),
  ];
  // It carries the client's private key.
  await replace("heroku.env", heroku.join(""), 0o600);
  await replace("connection.json", `${JSON.stringify(connection, null, 2)}\n`, 0o644);
}
