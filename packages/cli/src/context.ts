import { createKafka, describeKafkaConfig, type KafkaClient } from "@edm/kafka";
import { createLogger } from "@edm/runtime";
import { type CliConfig, type LocalBroker, loadConfig } from "./config";
import { createStatusLine, type StatusLine, type TerminalStream } from "./status-line";

/** What every command gets: the environment, the output streams, and Kafka built once on first use. */
export interface CliContext {
  env: Record<string, string | undefined>;
  stdout: TerminalStream;
  stderr: TerminalStream;
  /** Aborted on Ctrl-C: long commands stop early and still report. */
  signal: AbortSignal;
  config(): Promise<CliConfig>;
  kafka(): Promise<KafkaClient>;
  statusLine(): StatusLine;
  print(line: string): void;
  /** Notes for the person at the terminal (which broker, what is being done), on stderr. */
  note(line: string): void;
}

export interface ContextOptions {
  env: Record<string, string | undefined>;
  stdout: TerminalStream;
  stderr: TerminalStream;
  signal: AbortSignal;
  localBroker: () => Promise<LocalBroker | undefined>;
}

export function createContext({ env, stdout, stderr, signal, localBroker }: ContextOptions): CliContext {
  let config: Promise<CliConfig> | undefined;
  let kafka: Promise<KafkaClient> | undefined;
  const note = (line: string) => stderr.write(`${line}\n`);
  // kafkajs's own lines (retries, reconnects) matter only when something is wrong.
  const log = createLogger({
    service: "edm-cli",
    env: { LOG_LEVEL: env.LOG_LEVEL ?? "error" },
    destination: stderr,
  });

  const context: CliContext = {
    env,
    stdout,
    stderr,
    signal,
    config: () => {
      config ??= localBroker().then((local) => loadConfig(env, local));
      return config;
    },
    kafka: () => {
      kafka ??= context.config().then((loaded) => {
        const { brokers, tls, prefix } = describeKafkaConfig(loaded.kafka);
        const prefixNote = prefix ? `, KAFKA_PREFIX ${prefix}` : "";
        note(
          `Kafka: ${brokers.join(",")} (TLS ${tls === "off" ? "off" : "on"}${prefixNote}) from ${loaded.kafkaSource}`,
        );
        return createKafka(loaded.kafka, {
          log,
          retry: { retries: 3, initialRetryTimeMs: 300, maxRetryTimeMs: 5_000 },
          disconnectTimeoutMs: 5_000,
        });
      });
      return kafka;
    },
    statusLine: () => createStatusLine(stderr),
    print: (line) => stdout.write(`${line}\n`),
    note,
  };
  return context;
}
