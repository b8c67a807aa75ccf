export { type CapturedLogs, captureLogs } from "./capture-logs";
export { collectConfig } from "./collect-config";
export type { ConfigProblem } from "./config-error";
export { ConfigError } from "./config-error";
export { loadEnv } from "./env";
export {
  booleanFlag,
  byteSize,
  csvList,
  durationMs,
  originList,
  port,
  urlWithProtocol,
  wholeNumber,
} from "./env-fields";
export type { HealthRoutesOptions, ReadinessChecks } from "./health-routes";
export { healthRoutes } from "./health-routes";
export type { MetricsRoutesOptions } from "./http-metrics";
export { metricsRoutes } from "./http-metrics";
export type { RunningHttpServer, StartHttpServerOptions } from "./http-server";
export { startHttpServer } from "./http-server";
export type { Logger, LoggerOptions } from "./logger";
export { createLogger } from "./logger";
export type { MetricsConfig } from "./metrics-config";
export { loadMetricsConfig } from "./metrics-config";
export type { MetricsRegistryOptions } from "./metrics-registry";
export { createMetricsRegistry } from "./metrics-registry";
export { bearerTokenMatches } from "./metrics-token";
export { methodLabel, routeLabel } from "./route-label";
export type { RunServiceOptions, ServiceContext, SignalSource, Stoppable } from "./run-service";
export { runService } from "./run-service";
export type { StaticSiteOptions } from "./static-site";
export { createStaticSite } from "./static-site";
