// What other code (cross-service tests) may use of edm-stats.
export type { StatsConfig } from "./config";
export { loadConfig } from "./config";
export type { RunningStats, StatsDeps } from "./service";
export { startStats } from "./service";
