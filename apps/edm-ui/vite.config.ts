import type { ServerResponse } from "node:http";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// Kept free of local imports: Vite loads this file with plain Node, which cannot load the workspace's
// TypeScript packages, so the dev server reads RELAY_URL itself (server/config.ts does it in production,
// with the same default).
const DEFAULT_RELAY_URL = "http://localhost:3001";

function relayUrlFromEnv(): string {
  const raw = process.env.RELAY_URL?.trim() || DEFAULT_RELAY_URL;
  if (!/^https?:\/\//.test(raw) || !URL.canParse(raw)) {
    throw new Error("RELAY_URL must be a URL starting with http:// or https://");
  }
  return raw.replace(/\/+$/, "");
}

interface Middlewares {
  middlewares: { use(path: string, handler: (req: unknown, res: ServerResponse) => void): void };
}

/** `vite dev` and `vite preview` answer GET /config.json like server/main.ts does in production. */
function runtimeConfig(): Plugin {
  const config = { relayUrl: relayUrlFromEnv() };
  const serve = (server: Middlewares) => {
    server.middlewares.use("/config.json", (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.setHeader("cache-control", "no-store");
      res.end(JSON.stringify(config));
    });
  };
  return { name: "edm-runtime-config", configureServer: serve, configurePreviewServer: serve };
}

export default defineConfig({
  plugins: [react(), runtimeConfig()],
  server: { port: 3000 },
  build: { outDir: "dist", sourcemap: true },
});
