import { createLogger, runService } from "@edm/runtime";
import { loadConfig } from "./config";
import { startFunnel } from "./service";

// Wiring only: read the environment, start, and on SIGTERM stop within Heroku's 30 s (runService).
const log = createLogger({ service: "edm-funnel" });

await runService({
  name: "edm-funnel",
  log,
  // A consumer that will not restart handles nothing more; the platform starts a fresh process.
  start: ({ fail }) =>
    startFunnel(loadConfig(), {
      log,
      onConsumerLost: (error) => fail(error, "the Kafka consumer stopped for good"),
    }),
});
