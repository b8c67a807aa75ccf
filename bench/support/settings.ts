/** Knobs every benchmark shares, from the environment. */
export const settings = {
  /** Seconds each measured run lasts (after a short warm-up). */
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  /** Runs of the ceiling and of the figure, in turns; the median of each is shown. */
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  /** When set, the services under test write `node --cpu-prof` profiles into this folder. */
  cpuProfileDir: process.env.BENCH_CPU_PROFILE_DIR,
};

export const WARM_UP_SECONDS = 2;
export const RELAY_SCRIPT = "apps/edm-relay/src/main.ts";

/** What the relay needs to run flat out: no rate limit in the way of one client address. */
export const RELAY_BENCH_ENV = { RATE_LIMIT_PER_MINUTE: "100000000" };
