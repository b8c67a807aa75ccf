import type { KafkaClient, PartitionOffset, PartitionRange } from "@edm/kafka";
import { EVENT_TOPICS } from "@edm/schema";
import { groupLag, type PartitionLag, reachedMarks } from "./group-lag";

export interface CatchUpOptions {
  kafka: KafkaClient;
  groupId: string;
  intervalMs: number;
  /** Hears every sample. */
  onSample: (lags: PartitionLag[]) => void;
  /** Checked between samples: throws to give up (a lost consumer, an abort). */
  check: () => void;
}

/** The group's lag on every partition of the event topics, sampled now against the high watermarks. */
export async function sampleLag(kafka: KafkaClient, groupId: string): Promise<PartitionLag[]> {
  const admin = kafka.admin();
  try {
    const ranges = new Map<string, PartitionRange[]>();
    const committed = new Map<string, PartitionOffset[]>();
    for (const topic of EVENT_TOPICS) {
      ranges.set(topic, await admin.topicOffsets(topic));
      committed.set(topic, await admin.fetchCommittedOffsets(groupId, topic));
    }
    return groupLag(ranges, committed);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Samples the group's lag every `intervalMs` until it has caught up: every partition handled up to the
 * high watermark of the previous sample (see reachedMarks). Resolves with the last sample.
 */
export async function waitUntilCaughtUp(options: CatchUpOptions): Promise<PartitionLag[]> {
  let marks: PartitionLag[] | undefined;
  for (;;) {
    options.check();
    const lags = await sampleLag(options.kafka, options.groupId);
    options.onSample(lags);
    if (reachedMarks(lags, marks)) return lags;
    marks = lags;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
