import type { TopicRecords } from "@edm/kafka";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { BatcherStats } from "./batcher";
import type { UnavailableReason } from "./unavailable-error";

/** Why events were not accepted: not valid (400), or Kafka could not take them in time (503). */
export type RefusalReason = "invalid" | UnavailableReason;

/** What the relay itself measures, beside the HTTP and process metrics every service has. */
export interface RelayMetrics {
  accepted(topic: string, events: number): void;
  refused(reason: RefusalReason, events: number): void;
  /** Wraps the batcher's send: times each produce request and counts the events it carries. */
  timedSend(
    send: (batches: TopicRecords[]) => Promise<unknown>,
  ): (batches: TopicRecords[]) => Promise<unknown>;
  /** Reports what waits for Kafka, read at each scrape. */
  watchQueue(stats: () => QueueStats): void;
}

/** Seconds for one produce request, acknowledged by every in-sync replica. */
const PRODUCE_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];
/** Events in one produce request: one at rest, up to MAX_EVENTS_PER_SEND under load. */
const EVENTS_PER_SEND_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10000];

type QueueStats = Pick<BatcherStats, "queuedEvents" | "queuedBytes" | "sendingEvents">;

export function createRelayMetrics(registry: Registry): RelayMetrics {
  const registers = [registry];
  // Read when scraped rather than kept up to date on every request: nothing on the hot path.
  let queueStats: () => QueueStats = () => ({ queuedEvents: 0, queuedBytes: 0, sendingEvents: 0 });
  const accepted = new Counter({
    name: "edm_relay_events_accepted_total",
    help: "Events Kafka acknowledged and the relay answered 202 for, by topic",
    labelNames: ["topic"] as const,
    registers,
  });
  const refused = new Counter({
    name: "edm_relay_events_refused_total",
    help: "Events answered with an error: invalid (400), or queue-full, timed-out, send-failed, closed (503)",
    labelNames: ["reason"] as const,
    registers,
  });
  const produceSeconds = new Histogram({
    name: "edm_relay_produce_duration_seconds",
    help: "Time from a produce request's start to Kafka's answer, by outcome (ok or failed)",
    labelNames: ["outcome"] as const,
    buckets: PRODUCE_BUCKETS,
    registers,
  });
  const eventsPerSend = new Histogram({
    name: "edm_relay_events_per_produce_request",
    help: "Events carried by one produce request (concurrent HTTP requests are coalesced)",
    buckets: EVENTS_PER_SEND_BUCKETS,
    registers,
  });
  new Gauge({
    name: "edm_relay_queued_events",
    help: "Events waiting for Kafka: queued for the next produce request, or in the one Kafka has not answered",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const current = queueStats();
      this.set({ state: "queued" }, current.queuedEvents);
      this.set({ state: "sending" }, current.sendingEvents);
    },
  });
  new Gauge({
    name: "edm_relay_queued_bytes",
    help: "Bytes of the events queued for the next produce request",
    registers,
    collect() {
      this.set(queueStats().queuedBytes);
    },
  });

  return {
    accepted: (topic, events) => accepted.inc({ topic }, events),
    refused: (reason, events) => refused.inc({ reason }, events),
    timedSend: (send) => async (batches) => {
      eventsPerSend.observe(batches.reduce((sum, batch) => sum + batch.records.length, 0));
      const stop = produceSeconds.startTimer();
      try {
        const answer = await send(batches);
        stop({ outcome: "ok" });
        return answer;
      } catch (error) {
        stop({ outcome: "failed" });
        throw error;
      }
    },
    watchQueue(stats) {
      queueStats = stats;
    },
  };
}
