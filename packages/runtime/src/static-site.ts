import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Express } from "express";
import helmet from "helmet";
import { healthRoutes } from "./health-routes";

export interface StaticSiteOptions {
  /** The Vite build output (holds index.html). */
  distDir: string;
  /**
   * Settings the browser code reads at start-up from GET /config.json, so one build runs anywhere
   * (the original baked its URLs in at build time).
   */
  runtimeConfig: Record<string, string>;
  /** Origins the page may call (fetch, WebSocket): the relay, the stats API, the stream. */
  connectTo: string[];
}

/**
 * Serves a single-page app's build: hashed assets cached for a year, index.html never cached, every
 * other path answered with index.html so client-side routes survive a reload.
 */
export function createStaticSite({ distDir, runtimeConfig, connectTo }: StaticSiteOptions): Express {
  if (!existsSync(join(distDir, "index.html"))) {
    throw new Error(`no build found at ${distDir}: run the app's "build" script first`);
  }
  const app = express();
  app.disable("x-powered-by");
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy(connectTo) } }));
  app.use(healthRoutes());
  app.get("/config.json", (_req, res) => {
    res.set("cache-control", "no-store").json(runtimeConfig);
  });
  app.use("/assets", express.static(join(distDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(distDir, { index: false, maxAge: 0 }));
  app.get("/{*path}", (_req, res) => {
    res.set("cache-control", "no-cache").sendFile(join(distDir, "index.html"));
  });
  return app;
}

function contentSecurityPolicy(connectTo: string[]) {
  const websockets = connectTo.map((origin) => origin.replace(/^http/, "ws"));
  return {
    defaultSrc: ["'self'"],
    connectSrc: ["'self'", ...connectTo, ...websockets],
    imgSrc: ["'self'", "data:"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    scriptSrc: ["'self'"],
    // helmet's default would turn the page's http:// calls to the relay or stats into https:// ones,
    // which fail wherever the services are served over plain http (locally, on a LAN).
    upgradeInsecureRequests: null,
  };
}
