// Stops the embedded PostgreSQL that resolve.ts started (the data stays in place for next time).
import { join } from "node:path";
import { describeError } from "./connection";
import { stopEmbedded } from "./embedded";
import { repoRoot } from "./postgres";

const log = (line: string) => process.stderr.write(`[postgres] ${line}\n`);
try {
  await stopEmbedded({ stateDir: process.env.EDM_STATE_DIR ?? join(repoRoot, ".local"), log });
} catch (err) {
  log(`could not stop the embedded PostgreSQL: ${describeError(err)}`);
  process.exit(1);
}
