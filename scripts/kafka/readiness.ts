import { createKafka, type KafkaLogger, loadKafkaConfig } from "@edm/kafka";
import type { LocalKafkaEnv } from "./connection";

const quiet: KafkaLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * True when a Kafka client can use the broker on both listeners: a metadata request answered with at
 * least one live broker (a fenced or still-loading broker lists none, and the client then refuses), over
 * plaintext and over mutual TLS with the client certificate. One short attempt each, no retries: the
 * caller asks again.
 */
export async function brokerAnswers(env: LocalKafkaEnv): Promise<boolean> {
  for (const vars of [env.plaintextEnv, env.herokuEnv]) {
    const config = loadKafkaConfig(vars, { clientId: "edm-local-kafka" });
    const admin = createKafka(config, {
      log: quiet,
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 2_000,
      retry: { retries: 0, initialRetryTimeMs: 100, maxRetryTimeMs: 100 },
      disconnectTimeoutMs: 1_000,
    }).admin();
    try {
      await admin.listTopics();
    } catch {
      return false;
    } finally {
      await admin.disconnect();
    }
  }
  return true;
}
