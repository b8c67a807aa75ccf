import { createLogger, runService } from "@edm/runtime";
import { loadConfig } from "./config";
import { startRelay } from "./service";

// Wiring only: the relay itself lives in service.ts, where the integration tests start it too.
const log = createLogger({ service: "edm-relay" });

await runService({
  name: "edm-relay",
  log,
  start: () => startRelay(loadConfig(), { log }),
});
