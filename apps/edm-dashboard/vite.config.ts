import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { LOCAL_DASHBOARD_PORT, LOCAL_URLS } from "./server/local-urls";

/**
 * Serves /config.json in `vite dev` as server/main.ts does in production, from the same variables.
 * Not validated here (dev only); the production server checks them with zod.
 */
function runtimeConfigInDev(): Plugin {
  return {
    name: "edm-runtime-config",
    configureServer(server) {
      server.middlewares.use("/config.json", (_req, res) => {
        const config = {
          statsUrl: process.env.STATS_URL || LOCAL_URLS.stats,
          streamUrl: process.env.STREAM_URL || LOCAL_URLS.stream,
          shopUrl: process.env.SHOP_URL || LOCAL_URLS.shop,
        };
        res.setHeader("content-type", "application/json");
        res.setHeader("cache-control", "no-store");
        res.end(JSON.stringify(config));
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), runtimeConfigInDev()],
  server: { port: Number(process.env.PORT) || LOCAL_DASHBOARD_PORT, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries in their own files: they change far less often than the app, so browsers keep them cached.
        codeSplitting: {
          groups: [
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: "charts",
              test: /[\\/]node_modules[\\/]\.pnpm[\\/](recharts|d3-|victory|es-toolkit|@reduxjs|redux|react-redux|immer|reselect|decimal)/,
            },
            { name: "vendor", test: /[\\/]node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
