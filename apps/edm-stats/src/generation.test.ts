import { describe, expect, it } from "vitest";
import {
  type Deployment,
  generationDatabaseUrl,
  generationNamed,
  qualified,
  withSearchPath,
} from "./generation";

const deployment: Deployment = {
  databaseUrl: "postgres://u:p@db.example:5432/stats",
  baseSchema: "public",
  baseGroupId: "edm-stats",
};

describe("generations", () => {
  it("names generation 0 after the deployment itself, and later ones after their number", () => {
    expect(generationNamed(deployment, 0)).toEqual({ generation: 0, schema: "public", groupId: "edm-stats" });
    expect(generationNamed(deployment, 3)).toEqual({
      generation: 3,
      schema: "public_g3",
      groupId: "edm-stats.g3",
    });
  });

  it("leaves generation 0's database URL as configured and points later ones' search_path at their schema", () => {
    expect(generationDatabaseUrl(deployment.databaseUrl, generationNamed(deployment, 0))).toBe(
      deployment.databaseUrl,
    );
    const url = new URL(generationDatabaseUrl(deployment.databaseUrl, generationNamed(deployment, 2)));
    expect(url.searchParams.get("options")).toBe("-c search_path=public_g2");
    expect(url.hostname).toBe("db.example");
  });

  it("replaces a search_path already in the URL's options and keeps the other options", () => {
    const url = withSearchPath(
      "postgres://h/db?options=-c%20search_path%3Dold%20-c%20statement_timeout%3D5s&sslmode=require",
      "new_g1",
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get("options")).toBe("-c statement_timeout=5s -c search_path=new_g1");
    expect(parsed.searchParams.get("sslmode")).toBe("require");
  });

  it("refuses a schema name that search_path would need quoted", () => {
    expect(() => withSearchPath(deployment.databaseUrl, "Public")).toThrow(/lower-case/);
    expect(() => withSearchPath(deployment.databaseUrl, "a; drop")).toThrow(/lower-case/);
  });

  it("quotes schema-qualified names", () => {
    expect(qualified("public_g1", "click_counts")).toBe('"public_g1"."click_counts"');
  });
});
