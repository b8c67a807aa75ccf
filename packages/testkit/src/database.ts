import pg from "pg";
import { uniqueName } from "./unique-name";

export interface TestSchema {
  name: string;
  /** DATABASE_URL whose connections use this schema first (search_path), for code under test. */
  url: string;
  drop(): Promise<void>;
}

/** A PostgreSQL schema of its own for one test, so tests can run side by side in one database. */
export async function createTestSchema(databaseUrl: string, purpose = "schema"): Promise<TestSchema> {
  const name = uniqueName(purpose);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create schema "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${name}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
