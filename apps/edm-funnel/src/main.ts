import { createLogger, runService } from "@edm/runtime";
import { startTracing } from "@edm/tracing";
import { loadConfig } from "./config";
import { startFunnel } from "./service";

// Wiring only: read the environment, start, and on SIGTERM stop within Heroku's 30 s (runService).
// First: spans go to OTEL_EXPORTER_OTLP_ENDPOINT when it is set; without it tracing is a no-op.
const tracing = startTracing({ service: "edm-funnel" });
const log = createLogger({ service: "edm-funnel" });

await runService({
  name: "edm-funnel",
  log,
  tracing,
  // A consumer that will not restart handles nothing more; the platform starts a fresh process.
  start: ({ fail }) =>
    startFunnel(loadConfig(), {
      log,
      onConsumerLost: (error) => fail(error, "the Kafka consumer stopped for good"),
    }),
});
