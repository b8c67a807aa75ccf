// What other code (the benchmark, cross-service tests) may use to run a relay in-process.
export type { BatcherStats } from "./batcher";
export type { RelayConfig } from "./config";
export { loadConfig } from "./config";
export type { RelayDeps, RunningRelay } from "./service";
export { startRelay } from "./service";
