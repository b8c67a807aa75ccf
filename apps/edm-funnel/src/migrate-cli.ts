// `pnpm --filter edm-funnel migrate` brings the database up to date and exits; it needs only DATABASE_URL.
// `migrate down` undoes the last migration, for development.
import { createLogger, loadEnv, urlWithProtocol } from "@edm/runtime";
import { z } from "zod";
import { migrateFunnel } from "./migrate";

const log = createLogger({ service: "edm-funnel-migrate" });

try {
  const env = loadEnv(z.object({ DATABASE_URL: urlWithProtocol("postgres", "postgresql") }));
  await migrateFunnel({
    databaseUrl: env.DATABASE_URL,
    log,
    direction: process.argv[2] === "down" ? "down" : "up",
  });
} catch (err) {
  log.fatal({ err }, `database migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
