import { createKafka, type KafkaClient } from "@edm/kafka";
import { healthRoutes, type Logger, startHttpServer } from "@edm/runtime";
import { EVENT_TOPICS } from "@edm/schema";
import cors from "cors";
import express from "express";
import helmet from "helmet";
import type { FunnelConfig } from "./config";
import { type EventCounts, handleBatch } from "./handle-batch";

export interface FunnelDeps {
  log: Logger;
  /** Defaults to a client built from config.kafka. */
  kafka?: KafkaClient;
  /** Called when the Kafka consumer has crashed for good: this instance then handles nothing more. */
  onConsumerLost?: (error: Error) => void;
}

export interface RunningFunnel {
  url: string;
  port: number;
  /** Finishes the batch in hand (its offsets committed), then closes HTTP. */
  stop(): Promise<void>;
}

/** HTTP first (the platform sees the port bound; /readyz says "not yet"), then the consumer joins its group. */
export async function startFunnel(config: FunnelConfig, deps: FunnelDeps): Promise<RunningFunnel> {
  const { log } = deps;
  const kafka = deps.kafka ?? createKafka(config.kafka, { log });
  const counts: EventCounts = new Map();
  const consumer = kafka.consumer({
    groupId: config.groupId,
    topics: [...EVENT_TOPICS],
    fromBeginning: config.fromBeginning,
  });
  consumer.onCrash(({ error, restarting }) => {
    if (!restarting) deps.onConsumerLost?.(error);
  });

  const app = express();
  app.disable("x-powered-by");
  app.use(helmet());
  app.use(cors({ origin: config.corsOrigins }));
  app.use(healthRoutes({ ready: () => ({ kafka: consumer.isRunning() }) }));
  app.get("/api/counts", (_req, res) => {
    res.json(Object.fromEntries(counts));
  });
  const http = await startHttpServer({ app, port: config.port, log });
  try {
    await consumer.start((batch) => handleBatch({ counts, log }, batch));
  } catch (error) {
    await http.close(1_000);
    throw error;
  }
  log.info(
    { groupId: config.groupId, topics: EVENT_TOPICS, url: http.url },
    `edm-funnel is reading ${EVENT_TOPICS.join(" and ")} in consumer group "${config.groupId}"`,
  );
  let stopping: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    stop: () => {
      stopping ??= (async () => {
        await Promise.all([consumer.stop(), http.close(5_000)]);
      })();
      return stopping;
    },
  };
}
