import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONSUMER_APPS, HEROKU_APPS, herokuAppSpec, REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import {
  herokuProcesses,
  parseProcfile,
  procfileFor,
  renderProcfile,
} from "../../scripts/heroku/render-procfile";

const manifest = (app: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, "apps", app, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

describe("each app's Procfile, rendered from Procfile.template", () => {
  it.each(HEROKU_APPS)(
    "%s: its web process runs the app's build with plain node and source maps, as its start script does",
    (app) => {
      const { entry } = herokuAppSpec(app);
      expect(herokuProcesses(app).web).toBe(`cd apps/${app} && exec node --enable-source-maps ${entry}`);
      expect(manifest(app).scripts?.start).toBe(`node --enable-source-maps ${entry}`);
      expect(entry).toMatch(/\.js$/);
    },
  );

  it.each(HEROKU_APPS)(
    "%s: its build script, which the buildpack runs, bundles the entry's source into the entry",
    (app) => {
      const { entry, source } = herokuAppSpec(app);
      expect(existsSync(join(REPO_ROOT, "apps", app, source))).toBe(true);
      const bundle = /\bedm-build ([^&]*)$/
        .exec(manifest(app).scripts?.build ?? "")?.[1]
        ?.trim()
        .split(/\s+/);
      expect(bundle, "edm-build is the build script's last step").toBeDefined();
      const outdir = bundle?.includes("--outdir") ? bundle[bundle.indexOf("--outdir") + 1] : "dist";
      expect(bundle).toContain(source);
      expect(`${outdir}/${basename(source, ".ts")}.js`).toBe(entry);
      expect(manifest(app).scripts?.["start:tsx"]).toBe(`node --import tsx ${source}`);
      // The slug keeps production dependencies only: the build needs none at run time, tsx included.
      expect(manifest(app).devDependencies).toHaveProperty("@edm/build");
      expect(manifest(app).dependencies).not.toHaveProperty("tsx");
    },
  );

  it("runs the migrations of the apps with a database from their build in the release phase, and only there", () => {
    const migrating = [
      "edm-stats",
      ...CONSUMER_APPS.filter((consumer) => consumer.database).map((c) => c.app),
    ];
    for (const app of migrating) {
      expect(herokuProcesses(app).release).toBe(`cd apps/${app} && exec pnpm run migrate`);
      const scripts = manifest(app).scripts ?? {};
      expect(scripts.migrate).toBe("node --enable-source-maps dist/migrate-cli.js");
      expect(scripts.build).toContain("src/migrate-cli.ts");
    }
    for (const app of HEROKU_APPS.filter((name) => !migrating.includes(name))) {
      expect(herokuProcesses(app)).not.toHaveProperty("release");
    }
  });

  it("holds nothing but process lines", () => {
    expect(procfileFor("edm-stats")).toBe(
      "web: cd apps/edm-stats && exec node --enable-source-maps dist/main.js\n" +
        "release: cd apps/edm-stats && exec pnpm run migrate\n",
    );
  });
});

describe("renderProcfile", () => {
  const target = { app: "demo", entry: "src/main.ts", flags: [] as const };

  it("fills the placeholders and keeps a conditional line only for an app with that flag", () => {
    const template = "# comment\n\nweb: run {{app}} {{ entry }}\n[migrations] release: migrate {{app}}\n";
    expect(renderProcfile(template, target)).toBe("web: run demo src/main.ts\n");
    expect(renderProcfile(template, { ...target, flags: ["migrations"] })).toBe(
      "web: run demo src/main.ts\nrelease: migrate demo\n",
    );
  });

  it.each([
    ["an unknown placeholder", "web: run {{nope}}", /unknown placeholder \{\{nope\}\}/],
    ["an unknown condition", "web: run\n[seeds] seed: run", /line 2: unknown condition \[seeds\]/],
    ["a line that is no process", "web: run\nnot a process", /line 2: expected "<process>: <command>"/],
    ["a process given twice", "web: a\nweb: b", /"web" is defined twice/],
    ["no web process", "worker: run", /no web process/],
  ])("refuses %s", (_case, template, message) => {
    expect(() => renderProcfile(template, target)).toThrow(message);
  });
});

describe("parseProcfile", () => {
  it("maps each process type to its command", () => {
    expect(parseProcfile("web: node a.js --x=1\r\nrelease:   migrate\n")).toEqual({
      web: "node a.js --x=1",
      release: "migrate",
    });
  });
});
