import { fileURLToPath } from "node:url";
import { createLogger, createStaticSite, runService, startHttpServer } from "@edm/runtime";
import { loadConfig } from "./config";

// The shop in production: the Vite build plus GET /config.json, which tells the browser where the relay is.

const distDir = fileURLToPath(new URL("../dist", import.meta.url));
const log = createLogger({ service: "edm-ui" });

await runService({
  name: "edm-ui",
  log,
  start: async () => {
    const config = loadConfig();
    const app = createStaticSite({
      distDir,
      runtimeConfig: { relayUrl: config.relayUrl },
      connectTo: [new URL(config.relayUrl).origin],
    });
    const server = await startHttpServer({ app, port: config.port, log });
    log.info(
      { relayUrl: config.relayUrl },
      `the shop is at ${server.url}, sending events to ${config.relayUrl}`,
    );
    return { stop: () => server.close() };
  },
});
