// Someone watching the dashboard: edm-stats' API read over and over while a case runs, as many open
// dashboards would. It keeps database connections busy at any moment a fault may strike.

const PATHS = ["/api/summary", "/api/clickCount", "/api/pageloadCount", "/api/clickHistory"];

export interface Poller {
  /** Stops polling; resolves once the request in flight is answered. */
  stop(): Promise<void>;
}

/** Polls `baseUrl()` (read each time: the stats process may be replaced) every `intervalMs`. */
export function pollStatsApi(baseUrl: () => string, intervalMs = 50): Poller {
  let stopped = false;
  const loop = (async () => {
    for (let i = 0; !stopped; i += 1) {
      const path = PATHS[i % PATHS.length] as string;
      // Answers do not matter here (503 while the database is away is right); the load they make does.
      await fetch(`${baseUrl()}${path}`, { signal: AbortSignal.timeout(5_000) })
        .then((response) => response.arrayBuffer())
        .catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
