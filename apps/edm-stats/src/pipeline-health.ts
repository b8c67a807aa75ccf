import type { LagReport } from "@edm/kafka";
import type { PipelineHealth, PipelineService } from "@edm/schema";

// Turns what the broker and the services said into the answer of GET /api/pipeline. Pure, so that the
// rates and sums are tested without Kafka.

/** Cumulative counts at one moment; two of them give a rate. */
export interface Measurement {
  atMs: number;
  /** Records ever written to the event topics (the sum of their high watermarks). */
  written: number;
  /** Records the edm-stats group committed on them (the sum of its committed offsets). */
  counted: number;
}

/** Rates over a longer gap than this say little about now; the panel shows "—" instead. */
export const MAX_RATE_GAP_MS = 60_000;

/** Per second between two measurements; null without a usable earlier one. A count that went back (topics recreated) reads 0. */
export function perSecond(
  earlier: Measurement | undefined,
  later: Measurement,
  pick: (m: Measurement) => number,
) {
  if (!earlier) return null;
  const seconds = (later.atMs - earlier.atMs) / 1_000;
  if (seconds <= 0 || later.atMs - earlier.atMs > MAX_RATE_GAP_MS) return null;
  return Math.max(0, pick(later) - pick(earlier)) / seconds;
}

export function measure(report: LagReport, statsGroup: string, atMs: number): Measurement {
  const written = report.topics
    .flatMap((topic) => topic.partitions)
    .reduce((sum, partition) => sum + Number(partition.high), 0);
  const counted = report.groups.find((group) => group.group === statsGroup)?.committedTotal ?? 0;
  return { atMs, written, counted };
}

export interface HealthInputs {
  atMs: number;
  report: LagReport | undefined;
  kafkaProblem: string | null;
  statsGroup: string;
  deadLetterTopic: string;
  previous: Measurement | undefined;
  current: Measurement | undefined;
  services: PipelineService[];
}

export function pipelineHealth(inputs: HealthInputs): PipelineHealth {
  const { report, current, previous } = inputs;
  const deadLetters = report?.alsoTopics
    .filter((topic) => topic.topic === inputs.deadLetterTopic)
    .flatMap((topic) => topic.partitions)
    .reduce((sum, partition) => sum + Number(partition.high), 0);
  return {
    at: new Date(inputs.atMs).toISOString(),
    kafkaProblem: inputs.kafkaProblem,
    // edm-stats first: it is the group an operator watches most.
    groups: (report?.groups ?? [])
      .map(({ group, state, members, lag, partitions }) => ({
        group,
        state,
        members,
        lag,
        partitions: partitions.map(({ topic, partition, lag: partitionLag }) => ({
          topic,
          partition,
          lag: partitionLag,
        })),
      }))
      .sort(
        (a, b) =>
          Number(b.group === inputs.statsGroup) - Number(a.group === inputs.statsGroup) ||
          a.group.localeCompare(b.group),
      ),
    eventsPerSecond: {
      written: current ? perSecond(previous, current, (m) => m.written) : null,
      counted: current ? perSecond(previous, current, (m) => m.counted) : null,
    },
    deadLetters: report ? (deadLetters ?? 0) : null,
    services: inputs.services,
  };
}
