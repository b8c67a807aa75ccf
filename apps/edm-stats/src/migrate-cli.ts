// `pnpm --filter edm-stats migrate` (Heroku: the release phase) brings the database up to date and exits:
// the deployment's own schema and every statistics generation's (see migrate-deployment.ts). It needs only
// DATABASE_URL. `migrate down` undoes the last migration of the stats tables in the deployment's own schema,
// for development.
import { createLogger, loadEnv, urlWithProtocol } from "@edm/runtime";
import { z } from "zod";
import { migrate } from "./migrate";
import { migrateDeployment } from "./migrate-deployment";

const log = createLogger({ service: "edm-stats-migrate" });
const direction = process.argv[2] === "down" ? "down" : "up";

try {
  const env = loadEnv(z.object({ DATABASE_URL: urlWithProtocol("postgres", "postgresql") }));
  if (direction === "down") await migrate({ databaseUrl: env.DATABASE_URL, log, direction });
  else await migrateDeployment({ databaseUrl: env.DATABASE_URL, log });
} catch (err) {
  log.fatal({ err }, `database migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
