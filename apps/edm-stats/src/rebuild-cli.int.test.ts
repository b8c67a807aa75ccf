import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RebuildResult } from "./rebuild";
import { dropGenerations } from "./testing/generations";
import { click, pageload, produceEvents, type StatsTestEnv, setUpStatsTest } from "./testing/stats-harness";

const APP_DIR = fileURLToPath(new URL("..", import.meta.url));
let test: StatsTestEnv;

beforeEach(async () => {
  test = await setUpStatsTest("stats_rebuild_cli");
});

afterEach(async () => {
  await dropGenerations(test.schema.url, test.schema.name);
  await test.close();
});

/** Runs the command as `pnpm --filter edm-stats rebuild-stats` does, with only the deployment's variables. */
async function rebuildCli(...args: string[]): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const run = promisify(execFile)(process.execPath, ["--import", "tsx", "src/rebuild-cli.ts", ...args], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? "", ...test.env, STATS_SESSION_TIMEOUT: "6s" },
  });
  const { stdout } = await run;
  return {
    code: run.child.exitCode ?? 0,
    lines: stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line)),
  };
}

describe("pnpm --filter edm-stats rebuild-stats", () => {
  it("rebuilds, switches and reports both generations' totals as JSON; status lists the generations", async () => {
    await produceEvents(test.producer, [click("espresso"), click("latte"), pageload("/")]);

    const { code, lines } = await rebuildCli("--json");

    expect(code).toBe(0);
    const result = lines.at(-1) as unknown as RebuildResult & { type: string };
    expect(result).toMatchObject({
      type: "result",
      activated: true,
      counted: 3,
      generation: { generation: 1 },
    });
    // Nothing counted generation 0 here (no live instance ran): the report shows the difference.
    expect(result.totals.rebuilt).toMatchObject({ events: 3, clicks: 2, pageloads: 1 });
    expect(result.totals.previous.events).toBe(0);
    expect(lines.some((line) => line.type === "progress")).toBe(true);

    const status = await rebuildCli("status", "--json");
    expect(status.lines[0]).toMatchObject({
      type: "generations",
      generations: [
        { generation: 0, active: false },
        { generation: 1, active: true, schema: `${test.schema.name}_g1` },
      ],
    });
  });
});
