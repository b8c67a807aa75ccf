import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEROKU_APP_SPECS, HEROKU_APPS, REPO_ROOT } from "../../scripts/heroku/heroku-apps";
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
  };

describe("each app's Procfile, rendered from Procfile.template", () => {
  it.each(HEROKU_APPS)(
    "%s: its web process starts the app from its folder, as its start script does",
    (app) => {
      const { entry } = HEROKU_APP_SPECS[app];
      expect(herokuProcesses(app).web).toBe(`cd apps/${app} && exec node --import tsx ${entry}`);
      expect(manifest(app).scripts?.start).toBe(`node --import tsx ${entry}`);
      expect(existsSync(join(REPO_ROOT, "apps", app, entry))).toBe(true);
      // The slug keeps production dependencies only, so tsx must be one.
      expect(manifest(app).dependencies).toHaveProperty("tsx");
    },
  );

  it("runs edm-stats's migrations in the release phase, and only there", () => {
    expect(herokuProcesses("edm-stats").release).toBe("cd apps/edm-stats && exec pnpm run migrate");
    expect(manifest("edm-stats").scripts?.migrate).toMatch(/\S/);
    for (const app of HEROKU_APPS.filter((name) => name !== "edm-stats")) {
      expect(herokuProcesses(app)).not.toHaveProperty("release");
    }
  });

  it("holds nothing but process lines", () => {
    expect(procfileFor("edm-stats")).toBe(
      "web: cd apps/edm-stats && exec node --import tsx src/main.ts\n" +
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
