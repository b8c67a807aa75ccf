import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { dockerEngineAnswers, startKafkaContainer } from "./containers";
import { repoRoot, stateDir } from "./paths";

const run = promisify(execFile);
const kafkaScript = join(repoRoot, "scripts/kafka/kafka.sh");

export interface ProvidedKafka {
  plaintextEnv: Record<string, string>;
  herokuEnv: Record<string, string>;
  certsDir: string;
  release(): Promise<void>;
}

interface Connection {
  plaintextUrl: string;
  tlsUrl: string;
  certsDir: string;
  prefix: string;
}

const herokuVariables = [
  "KAFKA_URL",
  "KAFKA_TRUSTED_CERT",
  "KAFKA_CLIENT_CERT",
  "KAFKA_CLIENT_CERT_KEY",
  "KAFKA_PREFIX",
];

/**
 * KAFKA_URL from the environment wins; else a Kafka container when a Docker engine answers; else the
 * project's own broker is started (and stopped after, unless it was already running).
 */
export async function provideKafka(): Promise<ProvidedKafka> {
  if (process.env.KAFKA_URL) return givenKafka(process.env);
  if (await dockerEngineAnswers()) {
    console.log(`[test setup] a Docker engine answers: starting Kafka in a container`);
    return startKafkaContainer();
  }
  return localKafka();
}

function givenKafka(env: NodeJS.ProcessEnv): ProvidedKafka {
  const herokuEnv = Object.fromEntries(
    herokuVariables.flatMap((name) => (env[name] ? [[name, env[name] as string]] : [])),
  );
  const certsDir = env.EDM_KAFKA_CERTS_DIR ?? join(stateDir, "kafka/certs");
  console.log(
    `[test setup] using the Kafka broker given in KAFKA_URL (certificates for refusal tests: ${certsDir})`,
  );
  return { plaintextEnv: herokuEnv, herokuEnv, certsDir, release: async () => {} };
}

async function localKafka(): Promise<ProvidedKafka> {
  const wasRunning = await isLocalBrokerRunning();
  if (!wasRunning)
    console.log("[test setup] starting the project's own Kafka broker (scripts/kafka/kafka.sh start)");
  await startLocalBroker();
  const connection = JSON.parse(
    await readFile(join(stateDir, "kafka/connection.json"), "utf8"),
  ) as Connection;
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
    release: async () => {
      if (!wasRunning) await run("bash", [kafkaScript, "stop"]);
    },
  };
}

async function isLocalBrokerRunning(): Promise<boolean> {
  try {
    await run("bash", [kafkaScript, "status"]);
    return true;
  } catch {
    return false;
  }
}

async function startLocalBroker(): Promise<void> {
  try {
    await run("bash", [kafkaScript, "start"], { maxBuffer: 10 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `No Kafka broker for the integration tests: KAFKA_URL is not set and the project's broker did not start.\n${stdout}${stderr}`,
    );
  }
}
