import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogs } from "./capture-logs";
import { type RunningHttpServer, startHttpServer } from "./http-server";
import { createStaticSite } from "./static-site";

describe("createStaticSite", () => {
  let server: RunningHttpServer;

  beforeAll(async () => {
    const distDir = await mkdtemp(join(tmpdir(), "edm-site-"));
    await mkdir(join(distDir, "assets"));
    await writeFile(join(distDir, "index.html"), "<!doctype html><div id=root></div>");
    await writeFile(join(distDir, "assets/app-1234.js"), "console.log(1)");
    const app = createStaticSite({
      distDir,
      runtimeConfig: { relayUrl: "http://relay.test" },
      connectTo: ["http://relay.test"],
    });
    server = await startHttpServer({ app, port: 0, log: captureLogs().log });
  });
  afterAll(() => server.close());

  it("serves the runtime config, uncached", async () => {
    const res = await fetch(`${server.url}/config.json`);
    expect(await res.json()).toEqual({ relayUrl: "http://relay.test" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers client-side routes with index.html and lets the page call the configured origins", async () => {
    const res = await fetch(`${server.url}/products/aeropress`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<div id=root>");
    expect(res.headers.get("content-security-policy")).toContain(
      "connect-src 'self' http://relay.test ws://relay.test",
    );
  });

  it("caches hashed assets for long", async () => {
    const res = await fetch(`${server.url}/assets/app-1234.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("immutable");
  });

  it("refuses to start without a build", () => {
    expect(() => createStaticSite({ distDir: "/nonexistent", runtimeConfig: {}, connectTo: [] })).toThrow(
      /build/,
    );
  });
});
