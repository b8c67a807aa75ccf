import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PostgreSqlContainer } from "@testcontainers/postgresql";
import { GenericContainer, Wait } from "testcontainers";
import { repoRoot } from "./paths";

const run = promisify(execFile);

// The same release as scripts/kafka/kafka.sh, so tests see the same broker either way.
const kafkaImage = "apache/kafka:4.4.0";
const postgresImage = "postgres:17-alpine";
const ports = { plaintext: 29092, tls: 29093 };

/** True when a Docker engine answers (the docker CLI alone is not enough). */
export async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run("docker", ["info", "--format", "{{.ServerVersion}}"], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Kafka in a container, configured like the project's own broker: a plaintext listener and a TLS
 * listener that requires a client certificate, both on the host's 127.0.0.1 at fixed ports (Kafka
 * advertises its listeners, so the host must reach them at the very addresses the broker announces).
 */
export async function startKafkaContainer() {
  const { stdout } = await run("bash", [join(repoRoot, "scripts/kafka/kafka.sh"), "certs"]);
  const certsDir = stdout.trim();
  const container = await new GenericContainer(kafkaImage)
    .withExposedPorts(
      { container: ports.plaintext, host: ports.plaintext },
      { container: ports.tls, host: ports.tls },
    )
    .withCopyFilesToContainer([
      { source: join(certsDir, "broker-keystore.pem"), target: "/certs/broker-keystore.pem" },
      { source: join(certsDir, "ca.pem"), target: "/certs/ca.pem" },
    ])
    .withEnvironment({
      KAFKA_NODE_ID: "1",
      KAFKA_PROCESS_ROLES: "broker,controller",
      KAFKA_CONTROLLER_QUORUM_VOTERS: "1@localhost:29094",
      KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
      KAFKA_LISTENERS: `PLAINTEXT://:${ports.plaintext},SSL://:${ports.tls},CONTROLLER://:29094`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${ports.plaintext},SSL://127.0.0.1:${ports.tls}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "PLAINTEXT:PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT",
      KAFKA_INTER_BROKER_LISTENER_NAME: "PLAINTEXT",
      KAFKA_SSL_CLIENT_AUTH: "required",
      KAFKA_SSL_KEYSTORE_TYPE: "PEM",
      KAFKA_SSL_KEYSTORE_LOCATION: "/certs/broker-keystore.pem",
      KAFKA_SSL_TRUSTSTORE_TYPE: "PEM",
      KAFKA_SSL_TRUSTSTORE_LOCATION: "/certs/ca.pem",
      KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: "",
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false",
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: "1",
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const pem = (file: string) => readFile(join(certsDir, file), "utf8");
  return {
    plaintextEnv: { KAFKA_URL: `kafka://127.0.0.1:${ports.plaintext}` },
    herokuEnv: {
      KAFKA_URL: `kafka+ssl://127.0.0.1:${ports.tls}`,
      KAFKA_TRUSTED_CERT: await pem("ca.pem"),
      KAFKA_CLIENT_CERT: await pem("client.pem"),
      KAFKA_CLIENT_CERT_KEY: await pem("client-key.pem"),
      KAFKA_PREFIX: "edm-container.",
    },
    certsDir,
    release: async () => {
      await container.stop();
    },
  };
}

export async function startPostgresContainer() {
  const container = await new PostgreSqlContainer(postgresImage).withDatabase("edm_test").start();
  return {
    url: container.getConnectionUri(),
    release: async () => {
      await container.stop();
    },
  };
}
