import { describe, expect, it } from "vitest";
import { connectionStringFor } from "./db";

describe("connectionStringFor", () => {
  it("asks for TLS without chain verification on a remote host (Heroku Postgres)", () => {
    const url = new URL(connectionStringFor("postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1"));
    expect(url.searchParams.get("sslmode")).toBe("no-verify");
    expect(url.password).toBe("p");
  });

  it("keeps an sslmode the URL sets itself", () => {
    const given = "postgres://u:p@db.example.com/d?sslmode=verify-full";
    expect(connectionStringFor(given)).toBe(given);
  });

  it.each([
    "postgres://u:p@localhost:5432/edm",
    "postgres://u:p@127.0.0.1:5432/edm?options=-c%20search_path%3Dtest",
    "postgres://u:p@[::1]:5432/edm",
    "postgres:///edm?host=/var/run/postgresql",
  ])("leaves a local server as it is: %s", (local) => {
    expect(connectionStringFor(local)).toBe(local);
  });
});
