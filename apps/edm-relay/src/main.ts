import { createLogger, runService } from "@edm/runtime";
import { startTracing } from "@edm/tracing";
import { loadConfig } from "./config";
import { startRelay } from "./service";

// Wiring only: the relay itself lives in service.ts, where the integration tests start it too.
// First: spans go to OTEL_EXPORTER_OTLP_ENDPOINT when it is set; without it tracing is a no-op.
const tracing = startTracing({ service: "edm-relay" });
const log = createLogger({ service: "edm-relay" });

await runService({
  name: "edm-relay",
  log,
  tracing,
  start: () => startRelay(loadConfig(), { log }),
});
