import { execFile } from "node:child_process";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../setup/paths";

// `pnpm edm new-consumer` in a copy of the repository (its tracked files, the installed node_modules
// linked in): the new app passes the project's lint, type check, its own unit and integration tests
// against the real broker, and the deploy tests that keep Procfile, Terraform, compose and Dockerfile
// consistent. The copy's test run is the README's command, narrowed to what the generator touched.

const run = promisify(execFile);
const NAME = "edm-probe";
let copy: string;

/** Runs a command in the copy; a failure shows its output. */
async function inCopy(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: copy,
      env: { ...process.env, ...env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return stripVTControlCharacters(stdout + stderr);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout}\n${stderr}`);
  }
}

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "edm-new-consumer-"));
  await run("bash", ["-c", `git ls-files -z | tar --null -T - -cf - | tar -xf - -C "${copy}"`], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  // The installed dependencies, linked rather than installed again: the root's and every workspace package's.
  const { stdout } = await run(
    "bash",
    ["-c", "ls -d node_modules apps/*/node_modules packages/*/node_modules"],
    {
      cwd: repoRoot,
    },
  );
  for (const dir of stdout.split("\n").filter(Boolean)) await symlink(join(repoRoot, dir), join(copy, dir));
});

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe("pnpm edm new-consumer, in a copy of the repository", () => {
  it("makes an app that passes lint, type check, its tests against the real broker, and the deploy tests", async () => {
    const generated = await inCopy("node", [
      "--import",
      "tsx",
      "packages/cli/src/main.ts",
      "new-consumer",
      NAME,
      "--from-beginning",
      "--no-install",
    ]);
    expect(generated).toContain(`wrote apps/${NAME}/src/main.ts`);
    // Its dependencies are edm-stream's (express, cors, helmet, kafkajs, zod, the workspace packages): link
    // those instead of `pnpm install`, which would write into this checkout's node_modules.
    await symlink(join(repoRoot, "apps/edm-stream/node_modules"), join(copy, "apps", NAME, "node_modules"));

    await inCopy("pnpm", ["exec", "biome", "check", "."]);
    await inCopy("pnpm", ["exec", "tsc", "-p", "tsconfig.json", "--noEmit"]);
    const unit = await inCopy("pnpm", [
      "exec",
      "vitest",
      "run",
      "--project",
      "unit",
      `apps/${NAME}`,
      "tests/deploy",
    ]);
    expect(unit).toMatch(/Tests\s+\d+ passed/);
    expect(unit).toContain(NAME);
    const integration = await inCopy(
      "pnpm",
      ["exec", "vitest", "run", "--project", "integration", `apps/${NAME}`],
      { ...inject("kafkaPlaintextEnv"), DATABASE_URL: inject("databaseUrl") },
    );
    expect(integration).toMatch(/Tests\s+2 passed/);
  }, 600_000);
});
