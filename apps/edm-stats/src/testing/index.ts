// edm-stats's test helpers, for cross-service tests (`edm-stats/testing`).
export { dropGenerations } from "./generations";
export { click, pageload, type StatsTestEnv, setUpStatsTest, testLogs } from "./stats-harness";
