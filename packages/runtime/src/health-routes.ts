import express, { type Router } from "express";

export type ReadinessChecks = Record<string, boolean>;

export interface HealthRoutesOptions {
  /** Each named check is true when that dependency can serve traffic. Omit when nothing needs checking. */
  ready?: () => ReadinessChecks | Promise<ReadinessChecks>;
  /** A check that hangs must not hang the probe; past this the service is reported not ready. */
  readyTimeoutMs?: number;
}

/**
 * GET /healthz: 200 while the process lives (liveness).
 * GET /readyz: 200 when every readiness check is true, else 503 naming the failing checks.
 */
export function healthRoutes(options: HealthRoutesOptions = {}): Router {
  const { ready = () => ({}), readyTimeoutMs = 5_000 } = options;
  const router = express.Router();

  router.get("/healthz", (_req, res) => {
    res.set("cache-control", "no-store").json({ status: "ok" });
  });

  router.get("/readyz", async (_req, res) => {
    res.set("cache-control", "no-store");
    let checks: ReadinessChecks;
    try {
      checks = await withTimeout(Promise.resolve(ready()), readyTimeoutMs);
    } catch (err) {
      const reason = err instanceof ReadinessTimeout ? err.message : "a readiness check threw an error";
      res.status(503).json({ status: "not ready", reason });
      return;
    }
    const failing = Object.keys(checks).filter((name) => checks[name] !== true);
    if (failing.length === 0) {
      res.json({ status: "ready", checks });
    } else {
      res.status(503).json({ status: "not ready", failing, checks });
    }
  });

  return router;
}

class ReadinessTimeout extends Error {}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new ReadinessTimeout(`readiness checks did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
