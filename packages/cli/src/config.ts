import { type KafkaConfig, KafkaConfigError, loadKafkaConfig } from "@edm/kafka";
import { ConfigError, loadEnv, urlWithProtocol } from "@edm/runtime";
import { z } from "zod";
import { CliError, EXIT } from "./cli-error";

/** The project's own broker, as `pnpm kafka start` describes it in connection.json. */
export interface LocalBroker {
  url: string;
  /** Where the URL was read, for the note the CLI prints. */
  file: string;
}

export interface CliConfig {
  kafka: KafkaConfig;
  /** Which broker this is, in words, e.g. "KAFKA_URL" or "the project's local broker (…)". */
  kafkaSource: string;
  /** PostgreSQL, for commands that need it (the apps' variable); undefined when unset. */
  databaseUrl: string | undefined;
}

const envSchema = z.object({
  KAFKA_URL: z.string().optional(),
  DATABASE_URL: urlWithProtocol("postgres", "postgresql").optional(),
});

/**
 * The same variables as the apps, parsed once: KAFKA_URL with its TLS variables and KAFKA_PREFIX (by
 * @edm/kafka's loadKafkaConfig) and DATABASE_URL. Without KAFKA_URL the project's local broker is used,
 * as `npm start` does, so the CLI works on a developer's machine with no setup.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  localBroker: LocalBroker | undefined,
): CliConfig {
  try {
    const parsed = loadEnv(envSchema, env);
    if (parsed.KAFKA_URL === undefined && localBroker === undefined) {
      throw new CliError(
        "KAFKA_URL is not set and the project's local broker was never started (no .local/kafka/connection.json): " +
          "run `pnpm kafka start` (or `npm start`), or set KAFKA_URL and its TLS variables, e.g. from `heroku config -s`",
        EXIT.config,
      );
    }
    const url = parsed.KAFKA_URL ?? (localBroker as LocalBroker).url;
    const kafka = loadKafkaConfig({ ...env, KAFKA_URL: url }, { clientId: "edm-cli" });
    const kafkaSource =
      parsed.KAFKA_URL === undefined
        ? `the project's local broker (${localBroker?.file}), as KAFKA_URL is unset`
        : "KAFKA_URL";
    return { kafka, kafkaSource, databaseUrl: parsed.DATABASE_URL };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof KafkaConfigError) {
      throw new CliError(error.message, EXIT.config, { cause: error });
    }
    throw error;
  }
}
