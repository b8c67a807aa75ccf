// The Dockerfile read as a reviewer would (no Docker engine here): one target per app, each running its app's
// build exactly as the Procfile does on Heroku, with the pinned Node and pnpm.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEROKU_APPS, herokuAppSpec, REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { herokuProcesses } from "../../scripts/heroku/render-procfile";
import { effectiveInstructions, envOf, last, parseDockerfile, stage } from "./dockerfile";

const text = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const dockerfile = parseDockerfile(text("Dockerfile"));
const buildScript = (app: string) =>
  (JSON.parse(text(`apps/${app}/package.json`)) as { scripts?: { build?: string } }).scripts?.build ?? "";

describe("Dockerfile", () => {
  it("has one target per app", () => {
    const names = dockerfile.stages.map((candidate) => candidate.name);
    expect(HEROKU_APPS.filter((app) => !names.includes(app))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("builds each stage from an earlier stage or an image", () => {
    dockerfile.stages.forEach((current, index) => {
      const earlier = dockerfile.stages.slice(0, index).map((candidate) => candidate.name);
      expect(
        earlier.includes(current.from) || /^(\$\{\w+\}|[\w./-]+:[\w.-]+)$/.test(current.from),
        current.from,
      ).toBe(true);
    });
  });

  it("uses the Node major of .nvmrc and the pnpm of package.json's packageManager", () => {
    const nodeMajor = text(".nvmrc").trim();
    expect(dockerfile.globalArgs.NODE_IMAGE).toMatch(new RegExp(`^node:${nodeMajor}(\\.\\d+)*-`));
    const packageManager = (JSON.parse(text("package.json")) as { packageManager: string }).packageManager;
    const installs = stage(dockerfile, "base").instructions.filter(
      (instruction) => instruction.keyword === "RUN",
    );
    expect(installs.map((instruction) => instruction.args)).toContain(
      `npm install --global ${packageManager}`,
    );
  });

  it("copies every workspace manifest and the lockfile before installing", () => {
    const copies = stage(dockerfile, "manifests")
      .instructions.filter((instruction) => instruction.keyword === "COPY")
      .map((instruction) => instruction.args);
    const manifests = ["apps", "packages"].flatMap((dir) =>
      readdirSync(join(REPO_ROOT, dir)).map((name) => `${dir}/${name}/package.json ${dir}/${name}/`),
    );
    expect(manifests.filter((manifest) => !copies.includes(manifest))).toEqual([]);
    expect(copies[0]?.split(/\s+/)).toEqual(
      expect.arrayContaining(["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"]),
    );
  });

  it.each(HEROKU_APPS)(
    "%s: runs the Procfile's web command from the app's folder, as node, in production",
    (app) => {
      const instructions = effectiveInstructions(dockerfile, app);
      const workdir = last(instructions, "WORKDIR");
      const cmd = JSON.parse(last(instructions, "CMD") ?? "[]") as string[];
      const root = last(stage(dockerfile, "base").instructions, "WORKDIR");
      // Heroku: "cd apps/<app> && exec node --enable-source-maps <entry>", run from the repository root.
      expect(`cd ${workdir?.replace(`${root}/`, "")} && exec ${cmd.join(" ")}`).toBe(
        herokuProcesses(app).web,
      );
      expect(cmd).toEqual(["node", "--enable-source-maps", herokuAppSpec(app).entry]);
      expect(last(instructions, "USER")).toBe("node");
      const env = envOf(instructions);
      expect(env.NODE_ENV).toBe("production");
      expect(last(instructions, "EXPOSE")).toBe(env.PORT);
    },
  );

  it.each(HEROKU_APPS)("%s: installs only its own production dependencies from the lockfile", (app) => {
    const installs = stage(dockerfile, app)
      .instructions.filter((instruction) => instruction.keyword === "RUN")
      .map((instruction) => instruction.args);
    // The build holds the workspace packages, so theirs are not needed: only the app's (`--filter <app>`).
    expect(
      installs.some(
        (run) => /pnpm install --frozen-lockfile --prod\b/.test(run) && run.endsWith(`--filter ${app}`),
      ),
    ).toBe(true);
  });

  it("builds every app once, in one stage, with each app's own build script", () => {
    const runs = stage(dockerfile, "build").instructions.map((instruction) => instruction.args);
    expect(runs).toContain('pnpm --filter "./apps/*" run build');
    for (const app of HEROKU_APPS) expect(buildScript(app), app).toMatch(/\bedm-build\b/);
  });

  it.each(HEROKU_APPS)("%s: ships its build from the build stage, and no TypeScript", (app) => {
    const copies = stage(dockerfile, app)
      .instructions.filter((instruction) => instruction.keyword === "COPY")
      .map((instruction) => instruction.args);
    const built = dirname(herokuAppSpec(app).entry);
    // A front-end's pages (vite's dist/) beside its server's bundle.
    const dirs = buildScript(app).includes("vite build") ? ["dist", built] : [built];
    expect(copies.filter((copy) => copy.startsWith("--from=build"))).toEqual(
      dirs.map((dir) => `--from=build /repo/apps/${app}/${dir} apps/${app}/${dir}`),
    );
    // From the context, only data the build reads at run time (edm-stats's SQL migrations, both sets).
    const fromContext = copies.filter((copy) => !copy.startsWith("--from="));
    const sqlFolder = new RegExp(`^apps/${app}/((?:control-)?migrations)/ apps/${app}/\\1/$`);
    expect(fromContext.every((copy) => sqlFolder.test(copy))).toBe(true);
  });
});

describe(".dockerignore", () => {
  it("keeps what is installed, built or local out of the build context", () => {
    const ignored = text(".dockerignore")
      .split("\n")
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(["**/node_modules", "**/dist", ".local", ".git"]));
  });
});
