/**
 * When `npm start` restarts an app that exited on its own, as a platform would: soon at first, then waiting
 * longer each time it dies again quickly, so a crash loop neither floods the terminal nor hammers Kafka and
 * PostgreSQL; an app that stayed up for a while starts over from the shortest wait.
 */
export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Up at least this long, an app's next crash counts as a first one again. */
  stableAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
};

/**
 * The wait before restarting an app that exited after running `upForMs`, given the wait before its
 * previous restart (undefined when it has not been restarted yet).
 */
export function nextRestartDelay(
  policy: RestartPolicy,
  previousDelayMs: number | undefined,
  upForMs: number,
): number {
  if (previousDelayMs === undefined || upForMs >= policy.stableAfterMs) return policy.firstDelayMs;
  return Math.min(previousDelayMs * 2, policy.maxDelayMs);
}

/** How a process ended, in the words of a report: "exit code 1" or "signal SIGKILL". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal ${signal}`;
  return `exit code ${code ?? "unknown"}`;
}
