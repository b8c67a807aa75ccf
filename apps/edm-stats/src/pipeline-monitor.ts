import type { GroupLagReader, LagReport } from "@edm/kafka";
import type { Logger, ReadinessChecks } from "@edm/runtime";
import { DEAD_LETTER_TOPIC, EVENT_TOPICS, type PipelineHealth } from "@edm/schema";
import { LRUCache } from "lru-cache";
import type { PipelineConfig } from "./pipeline-config";
import { type Measurement, measure, pipelineHealth } from "./pipeline-health";
import { askReadiness, ownReadiness } from "./service-readiness";

export interface PipelineMonitorOptions {
  reader: GroupLagReader;
  /** The group of the statistics generation being counted (logical name); it changes after a rebuild. */
  statsGroup: () => string;
  ready: () => Promise<ReadinessChecks>;
  urls: PipelineConfig;
  log: Logger;
  now?: () => number;
}

export interface PipelineMonitor {
  health(): Promise<PipelineHealth>;
  stop(): Promise<void>;
}

/** However many dashboards poll, the broker and the services are asked at most once per second. */
const ANSWER_TTL_MS = 1_000;

export function createPipelineMonitor(options: PipelineMonitorOptions): PipelineMonitor {
  const { reader, statsGroup, log } = options;
  const now = options.now ?? Date.now;
  let previous: Measurement | undefined;
  let kafkaWasDown = false;

  const readKafka = async (): Promise<{ report?: LagReport; problem: string | null }> => {
    try {
      const report = await reader.report({
        topics: [...EVENT_TOPICS],
        groups: [{ group: statsGroup(), startsAt: "earliest" }],
        alsoTopics: [DEAD_LETTER_TOPIC],
      });
      kafkaWasDown = false;
      return { report, problem: null };
    } catch (error) {
      if (!kafkaWasDown)
        log.warn(
          { event: "stats.pipeline.kafka_unreachable", err: error },
          "the pipeline health endpoint could not read consumer-group lag from Kafka",
        );
      kafkaWasDown = true;
      return { problem: "Kafka did not answer: lag and rates are unknown" };
    }
  };

  const load = async (): Promise<PipelineHealth> => {
    const [kafka, ...services] = await Promise.all([
      readKafka(),
      ownReadiness("edm-stats", options.ready),
      askReadiness("edm-relay", options.urls.relayUrl),
      askReadiness("edm-stream", options.urls.streamUrl),
    ]);
    const atMs = now();
    const group = statsGroup();
    const current = kafka.report ? measure(kafka.report, group, atMs) : undefined;
    const health = pipelineHealth({
      atMs,
      report: kafka.report,
      kafkaProblem: kafka.problem,
      statsGroup: group,
      deadLetterTopic: DEAD_LETTER_TOPIC,
      previous,
      current,
      services: services.filter((service) => service !== undefined),
    });
    if (current) previous = current;
    return health;
  };

  const cache = new LRUCache<"health", PipelineHealth>({
    max: 1,
    ttl: ANSWER_TTL_MS,
    ttlResolution: 0,
    fetchMethod: load,
  });

  return {
    async health() {
      const answer = await cache.fetch("health");
      if (!answer) throw new Error("the pipeline health gave no answer");
      return answer;
    },
    stop: () => reader.disconnect(),
  };
}
