import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { recordsBehind } from "./lag";

// Every consumer built by this package reports these, so a new consumer app gets them by passing its
// registry. The group label is the logical group name; topics are logical names too.

/** Seconds a handler took for one batch: from a few ms to a batch waiting out a database outage. */
const HANDLER_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface ConsumerMetrics {
  /** A batch arrived: its records are in hand, not done, so they count as lag until it is committed. */
  batchStarted(topic: string, partition: number, firstOffset: string, highWatermark: string): void;
  /** A batch was handled and committed up to `nextOffset`. */
  batchHandled(batch: HandledBatch): void;
  /** The handler threw: nothing was committed and the batch comes again. */
  batchFailed(topic: string, seconds: number): void;
  /** The group gave this member its partitions (at start and after each rebalance). */
  joined(assignment: Record<string, number[]>): void;
}

export interface HandledBatch {
  topic: string;
  partition: number;
  records: number;
  seconds: number;
  nextOffset: string;
  highWatermark: string;
}

const NO_METRICS: ConsumerMetrics = {
  batchStarted: () => {},
  batchHandled: () => {},
  batchFailed: () => {},
  joined: () => {},
};

interface Families {
  records: Counter<"group" | "topic">;
  batches: Counter<"group" | "topic" | "outcome">;
  handlerSeconds: Histogram<"group" | "topic">;
  rebalances: Counter<"group">;
  lag: Gauge<"group" | "topic" | "partition">;
}

/** The consumer's metrics in `registry`; nothing at all without one. */
export function consumerMetrics(registry: Registry | undefined, group: string): ConsumerMetrics {
  if (!registry) return NO_METRICS;
  const families = familiesIn(registry);
  // Partitions this member reported lag for, so that those it lost in a rebalance stop being reported:
  // their lag is now the new owner's to tell.
  const reported = new Map<string, { topic: string; partition: number }>();
  const setLag = (topic: string, partition: number, lag: number) => {
    reported.set(`${topic}\u0000${partition}`, { topic, partition });
    families.lag.set({ group, topic, partition: String(partition) }, lag);
  };

  return {
    batchStarted(topic, partition, firstOffset, highWatermark) {
      setLag(topic, partition, recordsBehind(highWatermark, firstOffset));
    },
    batchHandled({ topic, partition, records, seconds, nextOffset, highWatermark }) {
      families.records.inc({ group, topic }, records);
      families.batches.inc({ group, topic, outcome: "handled" });
      families.handlerSeconds.observe({ group, topic }, seconds);
      setLag(topic, partition, recordsBehind(highWatermark, nextOffset));
    },
    batchFailed(topic, seconds) {
      families.batches.inc({ group, topic, outcome: "failed" });
      families.handlerSeconds.observe({ group, topic }, seconds);
    },
    joined(assignment) {
      families.rebalances.inc({ group });
      for (const [key, { topic, partition }] of reported) {
        if (assignment[topic]?.includes(partition)) continue;
        families.lag.remove({ group, topic, partition: String(partition) });
        reported.delete(key);
      }
    },
  };
}

/** One set of families per registry, shared by every consumer registered in it (they differ by `group`). */
function familiesIn(registry: Registry): Families {
  const existing = cached.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const families: Families = {
    records: new Counter({
      name: "edm_kafka_consumer_records_total",
      help: "Records handled and committed, by consumer group and topic",
      labelNames: ["group", "topic"] as const,
      registers,
    }),
    batches: new Counter({
      name: "edm_kafka_consumer_batches_total",
      help: "Batches given to the handler, by outcome: handled (committed) or failed (delivered again)",
      labelNames: ["group", "topic", "outcome"] as const,
      registers,
    }),
    handlerSeconds: new Histogram({
      name: "edm_kafka_consumer_handler_duration_seconds",
      help: "Time the handler took for one batch",
      labelNames: ["group", "topic"] as const,
      buckets: HANDLER_BUCKETS,
      registers,
    }),
    rebalances: new Counter({
      name: "edm_kafka_consumer_rebalances_total",
      help: "Times this member joined its group and got partitions (at start and after every rebalance)",
      labelNames: ["group"] as const,
      registers,
    }),
    lag: new Gauge({
      name: "edm_kafka_consumer_lag",
      help: "Records of a partition this member has not handled yet, from the high watermark of its last batch; the records of a batch in hand count until it is committed",
      labelNames: ["group", "topic", "partition"] as const,
      registers,
    }),
  };
  cached.set(registry, families);
  return families;
}

const cached = new WeakMap<Registry, Families>();
