import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { resolveDatabaseUrl } from "../../scripts/postgres/postgres";

export const repoRoot = join(import.meta.dirname, "../..");
const stateDir = process.env.EDM_STATE_DIR ?? join(repoRoot, ".local");

/** KAFKA_URL when given, else the project's own broker (started when it is not running). */
export async function localKafkaEnv(): Promise<Record<string, string>> {
  if (process.env.KAFKA_URL) return { KAFKA_URL: process.env.KAFKA_URL };
  await promisify(execFile)("bash", [join(repoRoot, "scripts/kafka/kafka.sh"), "start"]);
  const connection = JSON.parse(await readFile(join(stateDir, "kafka/connection.json"), "utf8"));
  return { KAFKA_URL: connection.plaintextUrl };
}

/** DATABASE_URL when given, else the local server on 5432, else the project's embedded PostgreSQL. */
export function localDatabaseUrl(): Promise<string> {
  return resolveDatabaseUrl({ database: "edm_bench" });
}
