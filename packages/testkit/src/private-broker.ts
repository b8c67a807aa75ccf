import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  killLocalBroker,
  localKafkaSettings,
  startLocalBroker,
  stopLocalBroker,
} from "../../../scripts/kafka/local-kafka";
import { freePorts } from "./free-port";

/**
 * A Kafka broker of one test's own: the project's local broker (scripts/kafka) with its own ports and state
 * directory, so the test can stop, kill and restart it (an outage) while every other test keeps using the
 * shared broker.
 */
export interface PrivateBroker {
  /** Plaintext KAFKA_URL of this broker. */
  env: Record<string, string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Kills it without warning (SIGKILL, as a crashed machine would); start() brings it back on its data. */
  kill(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

const quiet = () => {};

/** Makes its state directory and picks its ports; it starts on start(). */
export async function createPrivateBroker(): Promise<PrivateBroker> {
  const stateDir = await mkdtemp(join(tmpdir(), "edm-private-broker-"));
  const [plaintext, tls, controller] = await freePorts(3);
  const settings = localKafkaSettings({
    ...process.env,
    EDM_STATE_DIR: stateDir,
    EDM_KAFKA_PORT: String(plaintext),
    EDM_KAFKA_TLS_PORT: String(tls),
    EDM_KAFKA_CONTROLLER_PORT: String(controller),
  });
  return {
    env: { KAFKA_URL: `kafka://127.0.0.1:${plaintext}` },
    start: async () => {
      await startLocalBroker(settings, quiet);
    },
    stop: () => stopLocalBroker(settings, quiet),
    kill: () => killLocalBroker(settings),
    async destroy() {
      await stopLocalBroker(settings, quiet).catch(() => {});
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
