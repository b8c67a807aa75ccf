import { fileURLToPath } from "node:url";
import { createLogger, createStaticSite, runService, startHttpServer } from "@edm/runtime";
import { loadConfig } from "./config";

// The production server: the Vite build plus GET /config.json naming the stats and stream URLs.

const name = "edm-dashboard";
const log = createLogger({ service: name });
const distDir = fileURLToPath(new URL("../dist", import.meta.url));

await runService({
  name,
  log,
  start: async () => {
    const config = loadConfig();
    const app = createStaticSite({
      distDir,
      runtimeConfig: { ...config.runtimeConfig },
      connectTo: config.connectTo,
    });
    const server = await startHttpServer({ app, port: config.port, log });
    log.info(
      { statsUrl: config.runtimeConfig.statsUrl, streamUrl: config.runtimeConfig.streamUrl },
      `dashboard ready at ${server.url}, reading history from ${config.runtimeConfig.statsUrl} and live events from ${config.runtimeConfig.streamUrl}`,
    );
    return { stop: () => server.close() };
  },
});
