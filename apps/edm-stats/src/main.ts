import { createLogger, runService } from "@edm/runtime";
import { startTracing } from "@edm/tracing";
import { loadConfig } from "./config";
import { startStats } from "./service";

// Wiring only: read the environment, start, and on SIGTERM stop within Heroku's 30 s (runService: 25 s).
// First: spans go to OTEL_EXPORTER_OTLP_ENDPOINT when it is set; without it tracing is a no-op.
const tracing = startTracing({ service: "edm-stats" });
const log = createLogger({ service: "edm-stats" });

await runService({
  name: "edm-stats",
  log,
  tracing,
  // A consumer that will not restart counts nothing more; the platform starts a fresh process.
  start: ({ fail }) =>
    startStats(loadConfig(), {
      log,
      onConsumerLost: (error) => fail(error, "the Kafka consumer stopped for good"),
    }),
});
