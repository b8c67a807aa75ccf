// One Node major everywhere: what Heroku's buildpack resolves (engines), what nvm picks (.nvmrc) and the
// exact release the README's commands fetch when the machine's node is another major (scripts/lib/bootstrap.sh).
// The Dockerfile's image is checked against .nvmrc in dockerfile.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/heroku/heroku-apps";

const text = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const nodeMajor = text(".nvmrc").trim();

describe("the Node version", () => {
  it("is one major, named by .nvmrc", () => {
    expect(nodeMajor).toMatch(/^\d+$/);
  });

  it("is what package.json's engines asks Heroku for", () => {
    const { engines } = JSON.parse(text("package.json")) as { engines: { node: string } };
    expect(engines.node).toBe(`${nodeMajor}.x`);
  });

  it("is the major of the exact release the test and start commands fetch", () => {
    const pinned = /^node_version=(\d+)\.(\d+)\.(\d+)$/m.exec(text("scripts/lib/bootstrap.sh"));
    expect(pinned?.[1]).toBe(nodeMajor);
  });

  it("is the major of the Node types the code is checked against", () => {
    const { devDependencies } = JSON.parse(text("package.json")) as {
      devDependencies: Record<string, string>;
    };
    expect(devDependencies["@types/node"]).toMatch(new RegExp(`^\\^${nodeMajor}\\.`));
  });
});
