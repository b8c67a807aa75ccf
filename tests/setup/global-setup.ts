import type { TestProject } from "vitest/node";
import { buildApps } from "./builds";
import { provideDatabase } from "./database";
import { provideKafka } from "./kafka";

/**
 * Gives every integration test a real Kafka broker and a real PostgreSQL database.
 * There is no fallback to a fake: when neither a given service, a Docker engine nor the
 * project's own scripts can provide one, the run fails here, loudly, before any test runs.
 */
export default async function setup(project: TestProject) {
  await buildApps();
  const kafka = await provideKafka();
  const database = await provideDatabase();
  project.provide("kafkaPlaintextEnv", kafka.plaintextEnv);
  project.provide("kafkaHerokuEnv", kafka.herokuEnv);
  project.provide("kafkaCertsDir", kafka.certsDir);
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.release();
    await kafka.release();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    kafkaPlaintextEnv: Record<string, string>;
    kafkaHerokuEnv: Record<string, string>;
    kafkaCertsDir: string;
    databaseUrl: string;
  }
}
