import { join } from "node:path";
import { resolveKafka } from "../../scripts/kafka/local-kafka";
import { resolveDatabaseUrl } from "../../scripts/postgres/postgres";

export const repoRoot = join(import.meta.dirname, "../..");

/** KAFKA_URL when given, else the project's own broker (started when it is not running). */
export async function localKafkaEnv(): Promise<Record<string, string>> {
  return (await resolveKafka()).plaintextEnv;
}

/** DATABASE_URL when given, else the local server on 5432, else the project's embedded PostgreSQL. */
export function localDatabaseUrl(): Promise<string> {
  return resolveDatabaseUrl({ database: "edm_bench" });
}
