import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const stateDir = process.env.EDM_STATE_DIR ?? join(repoRoot, ".local");
