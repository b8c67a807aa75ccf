import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

describe("loadConfig", () => {
  it("reads the variables, with the group's default", () => {
    const config = loadConfig({ KAFKA_URL: "kafka://127.0.0.1:9092", PORT: "4000" });
    expect(config).toMatchObject({ port: 4000, groupId: "edm-funnel", fromBeginning: true });
  });

  it("names a bad variable", () => {
    expect(() => loadConfig({ KAFKA_URL: "kafka://127.0.0.1:9092", FUNNEL_GROUP_ID: "a b" })).toThrow(
      /FUNNEL_GROUP_ID/,
    );
  });
});
