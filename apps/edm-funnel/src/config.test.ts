import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

const required = { KAFKA_URL: "kafka://127.0.0.1:9092", DATABASE_URL: "postgres://127.0.0.1:5432/edm" };

describe("loadConfig", () => {
  it("reads the variables, with the group's default", () => {
    const config = loadConfig({ ...required, PORT: "4000", MIGRATE_ON_START: "1" });
    expect(config).toMatchObject({
      port: 4000,
      groupId: "edm-funnel",
      fromBeginning: true,
      databaseUrl: required.DATABASE_URL,
      migrateOnStart: true,
    });
  });

  it("names a bad variable", () => {
    expect(() => loadConfig({ ...required, FUNNEL_GROUP_ID: "a b" })).toThrow(/FUNNEL_GROUP_ID/);
    expect(() => loadConfig({ KAFKA_URL: required.KAFKA_URL })).toThrow(/DATABASE_URL/);
  });
});
