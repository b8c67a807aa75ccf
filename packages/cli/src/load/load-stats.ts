/** What a load run counts; the live line and the summary are drawn from it. */
export interface LoadCounts {
  /** Events made and queued. */
  made: number;
  /** Events sent at least once. */
  sent: number;
  /** Events the relay answered 2xx for (Kafka has them). */
  acknowledged: number;
  /** Events in batches the relay refused as invalid (400/413/422): never retried. */
  refused: number;
  /** Sends of events that had been sent before (after a 429, 503 or network error). */
  retried: number;
  /** POST requests made. */
  requests: number;
  /** Requests that failed and were retried, by reason ("503", "429", "network"). */
  failures: Map<string, number>;
}

export function emptyCounts(): LoadCounts {
  return { made: 0, sent: 0, acknowledged: 0, refused: 0, retried: 0, requests: 0, failures: new Map() };
}

/** The p-th percentile (0–100) of latencies, nearest rank; undefined when there are none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

const ms = (value: number | undefined) => (value === undefined ? "-" : `${Math.round(value)} ms`);

/** "sent 1200 · acknowledged 1180 · refused 0 · retried 40 · p99 85 ms · 398 events/s" */
export function formatLiveLine(
  counts: LoadCounts,
  recentLatencies: readonly number[],
  elapsedMs: number,
): string {
  const perSecond = elapsedMs > 0 ? Math.round((counts.acknowledged * 1_000) / elapsedMs) : 0;
  return [
    `sent ${counts.sent}`,
    `acknowledged ${counts.acknowledged}`,
    `refused ${counts.refused}`,
    `retried ${counts.retried}`,
    `p99 ${ms(percentile(recentLatencies, 99))}`,
    `${perSecond} events/s`,
  ].join(" · ");
}

export interface LoadSummary {
  relay: string;
  made: number;
  sent: number;
  acknowledged: number;
  refused: number;
  retried: number;
  /** Made but never acknowledged or refused: still unsent or unanswered when the run ended. */
  unacknowledged: number;
  requests: number;
  failures: Record<string, number>;
  visits: number;
  durationMs: number;
  eventsPerSecond: number;
  latencyMs: { p50: number | null; p99: number | null; max: number | null };
  /** Why it stopped early, if it did. */
  stoppedBecause?: string;
  firstRefusal?: string;
}

export function summarize(
  counts: LoadCounts,
  latencies: readonly number[],
  extra: {
    relay: string;
    visits: number;
    durationMs: number;
    stoppedBecause?: string;
    firstRefusal?: string;
  },
): LoadSummary {
  const round = (value: number | undefined) => (value === undefined ? null : Math.round(value));
  return {
    relay: extra.relay,
    made: counts.made,
    sent: counts.sent,
    acknowledged: counts.acknowledged,
    refused: counts.refused,
    retried: counts.retried,
    unacknowledged: counts.made - counts.acknowledged - counts.refused,
    requests: counts.requests,
    failures: Object.fromEntries(counts.failures),
    visits: extra.visits,
    durationMs: Math.round(extra.durationMs),
    eventsPerSecond: extra.durationMs > 0 ? Math.round((counts.acknowledged * 1_000) / extra.durationMs) : 0,
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.length === 0 ? undefined : Math.max(...latencies)),
    },
    ...(extra.stoppedBecause ? { stoppedBecause: extra.stoppedBecause } : {}),
    ...(extra.firstRefusal ? { firstRefusal: extra.firstRefusal } : {}),
  };
}

export function formatSummary(summary: LoadSummary): string {
  const failures = Object.entries(summary.failures).map(([reason, count]) => `${reason} ×${count}`);
  const lines = [
    `Load against ${summary.relay}: ${summary.made} events from ${summary.visits} finished visits in ${(summary.durationMs / 1_000).toFixed(1)} s`,
    `  acknowledged      ${summary.acknowledged} (${summary.eventsPerSecond} events/s)`,
    `  refused           ${summary.refused}${summary.firstRefusal ? ` (first: ${summary.firstRefusal})` : ""}`,
    `  not acknowledged  ${summary.unacknowledged}`,
    `  sent again        ${summary.retried}${failures.length > 0 ? ` (after ${failures.join(", ")})` : ""}`,
    `  requests          ${summary.requests}, latency p50 ${summary.latencyMs.p50 ?? "-"} ms, p99 ${summary.latencyMs.p99 ?? "-"} ms, max ${summary.latencyMs.max ?? "-"} ms`,
  ];
  if (summary.stoppedBecause) lines.push(`  stopped early: ${summary.stoppedBecause}`);
  return lines.join("\n");
}
