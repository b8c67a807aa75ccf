import { z } from "zod";
import { parseBrokerList } from "./broker-url";
import { isLegalPrefix } from "./prefix";
import { type KafkaTls, readTlsVariables } from "./tls";

/** Everything needed to reach the cluster. `tls.key` is a secret: log `describeKafkaConfig(config)` instead. */
export interface KafkaConfig {
  /** "host:port" per broker. */
  brokers: string[];
  /** Mutual TLS (kafka+ssl://) or null for plaintext (kafka:// or host:port, local use only). */
  tls: KafkaTls | null;
  /** Prepended to every topic and consumer-group name on the broker ("" when KAFKA_PREFIX is unset). */
  prefix: string;
  /** Names this process to the brokers (shows in broker logs and quotas). */
  clientId: string;
}

/** Thrown by loadKafkaConfig; lists every problem found, naming variables but never their values. */
export class KafkaConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Kafka configuration is invalid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "KafkaConfigError";
    this.problems = problems;
  }
}

const optionalText = (name: string) => z.string({ error: `${name} must be text` }).optional();

const envSchema = z
  .object({
    KAFKA_URL: z.string({
      error: (issue) =>
        issue.input === undefined
          ? "KAFKA_URL is missing: set it to the brokers, e.g. kafka+ssl://host:9096,kafka+ssl://host2:9096"
          : "KAFKA_URL must be text",
    }),
    KAFKA_TRUSTED_CERT: optionalText("KAFKA_TRUSTED_CERT"),
    KAFKA_CLIENT_CERT: optionalText("KAFKA_CLIENT_CERT"),
    KAFKA_CLIENT_CERT_KEY: optionalText("KAFKA_CLIENT_CERT_KEY"),
    KAFKA_PREFIX: optionalText("KAFKA_PREFIX")
      .transform((prefix) => prefix?.trim() ?? "")
      .refine(
        isLegalPrefix,
        'KAFKA_PREFIX may hold only letters, digits, ".", "_" and "-" (e.g. "milk-3411.")',
      ),
  })
  .transform((env, context) => {
    const fail = (problems: string[]) => {
      for (const message of problems) context.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    const brokerList = parseBrokerList(env.KAFKA_URL);
    if (!brokerList.ok) return fail(brokerList.problems);
    if (!brokerList.value.tls)
      return { brokers: brokerList.value.brokers, tls: null, prefix: env.KAFKA_PREFIX };

    const tls = readTlsVariables(env);
    if (!tls.ok) return fail(tls.problems);
    return { brokers: brokerList.value.brokers, tls: tls.value, prefix: env.KAFKA_PREFIX };
  });

/**
 * Reads Heroku's Kafka variables (KAFKA_URL, KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT,
 * KAFKA_CLIENT_CERT_KEY, KAFKA_PREFIX). Pure: pass `process.env` from main, plain objects from tests.
 * With a plaintext KAFKA_URL the certificate variables are ignored.
 */
export function loadKafkaConfig(
  env: Record<string, string | undefined>,
  options: { clientId: string },
): KafkaConfig {
  if (!options.clientId.trim()) throw new Error("loadKafkaConfig needs a non-empty clientId");
  const result = envSchema.safeParse(env);
  if (!result.success) throw new KafkaConfigError(result.error.issues.map((issue) => issue.message));
  return { ...result.data, clientId: options.clientId };
}

/** What is safe to log about a configuration: no certificate or key text. */
export function describeKafkaConfig(config: KafkaConfig) {
  return {
    brokers: config.brokers,
    tls: config.tls === null ? "off" : `mutual TLS, ${config.tls.ca.length} trusted CA certificate(s)`,
    prefix: config.prefix,
    clientId: config.clientId,
  };
}
