import { collectDefaultMetrics, Registry } from "prom-client";

export interface MetricsRegistryOptions {
  /** Put on every series as the `service` label, so one Prometheus can scrape every app. */
  service: string;
  /** Node's process metrics (event-loop lag, heap, GC, CPU, file descriptors). On unless a test turns them off. */
  processMetrics?: boolean;
}

/**
 * One registry per running service, never prom-client's global one: tests run several services in one
 * process, and each must show only its own series. The process metrics keep prom-client's standard
 * names (`process_*`, `nodejs_*`) so that ready-made Node.js dashboards work; everything this project
 * measures itself is named `edm_*`.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
