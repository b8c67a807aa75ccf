/**
 * The ceiling for edm-relay's POST /api/events: an Express 5 app whose route only parses the JSON body
 * and answers 202. Run as its own process by the benchmarks, on PORT.
 */
import express from "express";

const app = express();
app.get("/healthz", (_req, res) => {
  res.json({ status: "ok" });
});
app.post("/api/events", express.json({ limit: "256kb" }), (_req, res) => {
  res.status(202).json({ ok: true });
});
const server = app.listen(Number(process.env.PORT ?? 0));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
