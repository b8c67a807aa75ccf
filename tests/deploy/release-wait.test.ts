// The release wait of terraform/builds.tf against a stub of the Heroku Platform API (a real HTTP server on
// port 0 answering the build and release endpoints), in-process and as terraform runs the script.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { herokuApi } from "../../scripts/heroku/heroku-api";
import { REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { ReleaseFailedError, waitForRelease } from "../../scripts/heroku/release-wait";
import { readReleaseWaitEnv } from "../../scripts/heroku/wait-for-release";

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, "fixtures/heroku-api", name), "utf8");
const BUILD = JSON.parse(fixture("build-succeeded.json")) as { id: string; release: { id: string } };
const RELEASE = JSON.parse(fixture("release-failed.json")) as Record<string, unknown>;
const APP = "acme-edm-stats";

interface Stub {
  url: string;
  requests: IncomingMessage[];
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/**
 * The API as Heroku answers while a release runs: the build shows no release for `buildPolls` checks, then
 * the release is pending for `pendingPolls` checks, then it ends as `outcome`, its output at /output.
 */
async function stubApi(options: {
  outcome: "succeeded" | "failed";
  buildPolls?: number;
  pendingPolls?: number;
}) {
  const requests: IncomingMessage[] = [];
  let buildPolls = options.buildPolls ?? 0;
  let pendingPolls = options.pendingPolls ?? 0;
  server = createServer((req, res) => {
    requests.push(req);
    const json = (body: unknown) =>
      res.setHeader("content-type", "application/json").end(JSON.stringify(body));
    if (req.url === `/apps/${APP}/builds/${BUILD.id}`) {
      json(buildPolls-- > 0 ? { ...BUILD, status: "pending", release: null } : BUILD);
    } else if (req.url === `/apps/${APP}/releases/${BUILD.release.id}`) {
      const status = pendingPolls-- > 0 ? "pending" : options.outcome;
      json({ ...RELEASE, status, output_stream_url: `${stub.url}/output` });
    } else if (req.url === "/output") {
      res.end(fixture("release-output.txt"));
    } else {
      res.statusCode = 404;
      json({ id: "not_found", message: `Couldn't find that (${req.url}).` });
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const stub: Stub = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
  return stub;
}

const quickly = () => {
  const lines: string[] = [];
  return {
    lines,
    waiting: {
      timeoutMs: 60_000,
      pollMs: 1,
      now: Date.now,
      sleep: async () => {},
      say: (line: string) => lines.push(line),
    },
  };
};

describe("waitForRelease against the Heroku API", () => {
  it("fails on a failed release phase, quoting its output, after waiting out the pending checks", async () => {
    const stub = await stubApi({ outcome: "failed", buildPolls: 1, pendingPolls: 2 });
    const { waiting, lines } = quickly();
    const api = herokuApi({ HEROKU_API_URL: stub.url, HEROKU_API_KEY: "test-key" });
    const waited = waitForRelease(api, { app: APP, buildId: BUILD.id }, waiting);
    await expect(waited).rejects.toThrow(ReleaseFailedError);
    await expect(waited).rejects.toThrow(/acme-edm-stats: release v12 failed, so its dynos were not scaled/);
    await expect(waited).rejects.toThrow(/could not create unique index "processed_events_id_index"/);
    expect(lines.filter((line) => line.includes("still pending"))).toHaveLength(2);
    const apiCalls = stub.requests.filter((req) => req.url?.startsWith("/apps/"));
    expect(apiCalls.every((req) => req.headers.authorization === "Bearer test-key")).toBe(true);
    expect(apiCalls.every((req) => req.headers.accept === "application/vnd.heroku+json; version=3")).toBe(
      true,
    );
  });

  it("returns once the release succeeded", async () => {
    const stub = await stubApi({ outcome: "succeeded", pendingPolls: 1 });
    const { waiting, lines } = quickly();
    const api = herokuApi({ HEROKU_API_URL: stub.url, HEROKU_API_KEY: "test-key" });
    await waitForRelease(api, { app: APP, buildId: BUILD.id }, waiting);
    expect(lines.at(-1)).toBe("acme-edm-stats: release v12 succeeded");
  });

  it("gives up after its timeout while the release stays pending", async () => {
    const stub = await stubApi({ outcome: "succeeded", pendingPolls: Number.POSITIVE_INFINITY });
    let clock = 0;
    const api = herokuApi({ HEROKU_API_URL: stub.url, HEROKU_API_KEY: "test-key" });
    const waiting = {
      timeoutMs: 30_000,
      pollMs: 10_000,
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms;
      },
      say: () => {},
    };
    await expect(waitForRelease(api, { app: APP, buildId: BUILD.id }, waiting)).rejects.toThrow(
      "acme-edm-stats: gave up after 30 s waiting for release v12",
    );
  });

  it("names the API's answer when a call fails", async () => {
    const stub = await stubApi({ outcome: "succeeded" });
    const api = herokuApi({ HEROKU_API_URL: stub.url, HEROKU_API_KEY: "test-key" });
    await expect(api.release("acme-edm-ui", "nope")).rejects.toThrow(/answered 404: .*Couldn't find that/);
  });
});

describe("wait-for-release.ts as terraform runs it", () => {
  const runScript = (stub: Stub) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "node",
        ["--import", "tsx", "scripts/heroku/wait-for-release.ts"],
        {
          cwd: REPO_ROOT,
          env: {
            PATH: process.env.PATH ?? "",
            HEROKU_API_URL: stub.url,
            HEROKU_API_KEY: "test-key",
            EDM_HEROKU_APP: APP,
            EDM_HEROKU_BUILD_ID: BUILD.id,
            EDM_RELEASE_POLL_MS: "1",
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("exits 1 with the release phase's output when the migrations failed", async () => {
    const result = await runScript(await stubApi({ outcome: "failed", pendingPolls: 1 }));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain("release v12 failed");
    expect(result.stderr).toContain("stats.migrate.failed");
  }, 30_000);

  it("exits 0 once the release succeeded", async () => {
    const result = await runScript(await stubApi({ outcome: "succeeded", buildPolls: 1 }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("[release] acme-edm-stats: release v12 succeeded");
  }, 30_000);
});

describe("readReleaseWaitEnv", () => {
  it("reads terraform's settings with a default timeout", () => {
    expect(readReleaseWaitEnv({ EDM_HEROKU_APP: APP, EDM_HEROKU_BUILD_ID: BUILD.id })).toEqual({
      app: APP,
      buildId: BUILD.id,
      timeoutMs: 600_000,
    });
  });

  it("names every variable that is missing or wrong", () => {
    expect(() => readReleaseWaitEnv({ EDM_RELEASE_TIMEOUT_SECONDS: "soon" })).toThrow(
      /EDM_HEROKU_APP .*EDM_HEROKU_BUILD_ID .*EDM_RELEASE_TIMEOUT_SECONDS/,
    );
  });
});
