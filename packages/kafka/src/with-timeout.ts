/** Rejection of withTimeout: the work named `what` did not settle in time (it may still be running). */
export class TimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number) {
    super(`${what} did not finish within ${timeoutMs} ms`);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Settles like `promise`, or rejects with a TimeoutError after `ms`. It cannot cancel the work; it
 * only stops waiting, which is what a shutdown needs when a client's disconnect hangs.
 * The timer is unref'd so it never keeps an exiting process alive by itself.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  if (!(ms >= 0) || !Number.isFinite(ms))
    throw new RangeError(`withTimeout needs a finite ms >= 0, got ${ms}`);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
