import type { KafkaClient } from "@edm/kafka";
import { durationMs, type Logger } from "@edm/runtime";

// A consumer that counts exactly once remembers the keys of the events it counted for a while (its dedupe
// window, DEDUPE_RETENTION), then forgets them (prune.ts). That is safe only as long as Kafka cannot deliver
// those events again: the window must cover the topics' retention.

/** Refused at start: the dedupe window would forget events Kafka can still deliver again. */
export class DedupeWindowTooShortError extends Error {
  override name = "DedupeWindowTooShortError";
}

const HOUR_MS = 3_600_000;

/**
 * DEDUPE_RETENTION, the same for every consumer that counts exactly once. Heroku keeps Kafka records for up
 * to 2 weeks; remembering keys 15 days covers any redelivery.
 */
export const dedupeRetentionSetting = () =>
  durationMs(15 * 24 * HOUR_MS).refine((ms) => ms >= HOUR_MS, {
    message: "must be at least 1h, and longer than the Kafka topics' retention",
  });

function hours(ms: number): string {
  return `${Math.round((ms / HOUR_MS) * 100) / 100}h`;
}

/**
 * Problems with a dedupe window of `dedupeRetentionMs` against the topics' retention (retention.ms, -1 for
 * forever). A key forgotten while Kafka still holds its record lets a redelivery (a new group, a reset
 * offset, a consumer that fell behind) count that event twice. Infinite retention is refused too: covering
 * it would mean keeping every key forever, and the key tables would grow without bound.
 */
export function retentionProblems(dedupeRetentionMs: number, retention: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const [topic, retentionMs] of retention) {
    if (retentionMs < 0) {
      problems.push(
        `Kafka keeps the records of topic ${topic} forever (retention.ms=-1), so no DEDUPE_RETENTION can cover them; give the topic a finite retention.ms`,
      );
    } else if (dedupeRetentionMs < retentionMs) {
      problems.push(
        `DEDUPE_RETENTION (${hours(dedupeRetentionMs)}) is shorter than the retention of topic ${topic} (retention.ms=${retentionMs}, ${hours(retentionMs)}); set DEDUPE_RETENTION to at least ${hours(retentionMs)}`,
      );
    }
  }
  return problems;
}

/**
 * Reads the event topics' retention from the broker and throws DedupeWindowTooShortError if the dedupe window
 * does not cover it. A topic whose configuration the broker will not show (an ACL) is logged and let pass:
 * the operator then compares by hand.
 */
export async function checkDedupeCoversRetention(
  kafka: KafkaClient,
  topics: readonly string[],
  dedupeRetentionMs: number,
  { log, service, eventPrefix }: { log: Logger; service: string; eventPrefix: string },
): Promise<void> {
  const admin = kafka.admin();
  let retention: Map<string, number | undefined>;
  try {
    retention = await admin.topicRetentionMs([...topics]);
  } finally {
    await admin.disconnect();
  }
  const known = new Map<string, number>();
  for (const [topic, retentionMs] of retention) {
    if (retentionMs === undefined) {
      log.warn(
        { event: `${eventPrefix}.retention.unknown`, topic },
        `the broker would not show the retention of topic ${topic}; make sure DEDUPE_RETENTION (${hours(dedupeRetentionMs)}) is at least as long`,
      );
    } else {
      known.set(topic, retentionMs);
    }
  }
  const problems = retentionProblems(dedupeRetentionMs, known);
  if (problems.length > 0) {
    throw new DedupeWindowTooShortError(
      `${service} refuses to start: an event could be counted twice. ${problems.join(". ")}.`,
    );
  }
}
