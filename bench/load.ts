import { performance } from "node:perf_hooks";

export interface LoadResult {
  seconds: number;
  latenciesMs: number[];
}

/** Calls `request` `requests` times with at most `concurrency` in flight; times each call and the whole. */
export async function runLoad(
  request: (i: number) => Promise<void>,
  { requests, concurrency }: { requests: number; concurrency: number },
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      const start = performance.now();
      await request(i);
      latenciesMs.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - start) / 1000, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
