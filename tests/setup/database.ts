import { stopEmbedded } from "../../scripts/postgres/embedded";
import { resolveDatabase } from "../../scripts/postgres/postgres";
import { dockerEngineAnswers, startPostgresContainer } from "./containers";
import { stateDir } from "./paths";

export interface ProvidedDatabase {
  url: string;
  release(): Promise<void>;
}

const log = (line: string) => console.log(`[test setup] postgres: ${line}`);

/**
 * DATABASE_URL when given; else a PostgreSQL container when a Docker engine answers; else the server
 * on 127.0.0.1:5432; else an embedded PostgreSQL.
 */
export async function provideDatabase(): Promise<ProvidedDatabase> {
  if (!process.env.DATABASE_URL && (await dockerEngineAnswers())) {
    log("a Docker engine answers: starting PostgreSQL in a container");
    return startPostgresContainer();
  }
  try {
    const database = await resolveDatabase({ database: "edm_test", log });
    return {
      url: database.url,
      release: async () => {
        if (database.startedEmbedded) await stopEmbedded({ stateDir, log });
      },
    };
  } catch (error) {
    throw new Error(`No PostgreSQL for the integration tests: ${(error as Error).message}`);
  }
}
