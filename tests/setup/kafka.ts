import { resolveKafka, stopLocalBroker } from "../../scripts/kafka/local-kafka";
import { dockerEngineAnswers, startKafkaContainer } from "./containers";

export interface ProvidedKafka {
  plaintextEnv: Record<string, string>;
  herokuEnv: Record<string, string>;
  certsDir: string;
  release(): Promise<void>;
}

const log = (line: string) => console.log(`[test setup] kafka: ${line}`);

/**
 * KAFKA_URL from the environment wins; else a Kafka container when a Docker engine answers; else the
 * project's own broker is started (and stopped after, unless it was already running).
 */
export async function provideKafka(): Promise<ProvidedKafka> {
  if (!process.env.KAFKA_URL && (await dockerEngineAnswers())) {
    log("a Docker engine answers: starting Kafka in a container");
    return startKafkaContainer();
  }
  try {
    const kafka = await resolveKafka({ log });
    if (kafka.source === "KAFKA_URL") log(`certificates for refusal tests: ${kafka.certsDir}`);
    return {
      ...kafka,
      release: async () => {
        if (kafka.startedBroker) await stopLocalBroker(undefined, log);
      },
    };
  } catch (error) {
    throw new Error(
      `No Kafka broker for the integration tests: KAFKA_URL is not set and the project's broker did not start.\n${(error as Error).message}`,
    );
  }
}
