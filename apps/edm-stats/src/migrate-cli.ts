// `pnpm --filter edm-stats migrate` (Heroku: the release phase) brings the database up to date and exits.
// It needs only DATABASE_URL. `migrate down` undoes the last migration, for development.
import { createLogger, loadEnv, urlWithProtocol } from "@edm/runtime";
import { z } from "zod";
import { migrate } from "./migrate";

const log = createLogger({ service: "edm-stats-migrate" });
const direction = process.argv[2] === "down" ? "down" : "up";

try {
  const env = loadEnv(z.object({ DATABASE_URL: urlWithProtocol("postgres", "postgresql") }));
  await migrate({ databaseUrl: env.DATABASE_URL, log, direction });
} catch (err) {
  log.fatal({ err }, `database migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
