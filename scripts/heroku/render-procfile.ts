// Renders an app's Procfile from Procfile.template. Pure functions for the packaging script and the tests,
// plus a command line for people and for the test that runs each app exactly as Heroku starts it:
//
//   node --import tsx scripts/heroku/render-procfile.ts edm-stats           # the whole Procfile
//   node --import tsx scripts/heroku/render-procfile.ts edm-stats release   # one process's command
//
// The commands run from the root of the app's build (the repository root), as Heroku runs them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  HEROKU_APPS,
  type HerokuApp,
  herokuAppSpec,
  isHerokuApp,
  PROCFILE_FLAGS,
  type ProcfileFlag,
  REPO_ROOT,
} from "./heroku-apps";

export interface ProcfileTarget {
  /** Folder under apps/. */
  app: string;
  /** The web process's file, relative to the app's folder. */
  entry: string;
  flags: readonly ProcfileFlag[];
}

export const PROCFILE_TEMPLATE_PATH = join(REPO_ROOT, "Procfile.template");

const CONDITION = /^\[([^\]]*)\]\s+/;
const PLACEHOLDER = /\{\{\s*([^}\s]*)\s*\}\}/g;
const PROCESS_LINE = /^([A-Za-z0-9_-]+):\s*(\S.*)$/;

/**
 * The Procfile for one app. Comments and blank lines are dropped; "[flag] " lines are kept only when the
 * app has that flag. Throws on an unknown flag or placeholder, a malformed or repeated process, or no web
 * process, so a broken template fails the tests rather than a deploy.
 */
export function renderProcfile(template: string, target: ProcfileTarget): string {
  const values: Record<string, string> = { app: target.app, entry: target.entry };
  const lines: string[] = [];
  template.split(/\r?\n/).forEach((raw, index) => {
    const where = `Procfile.template line ${index + 1}`;
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const condition = CONDITION.exec(line);
    if (condition) {
      const flag = condition[1] ?? "";
      if (!(PROCFILE_FLAGS as readonly string[]).includes(flag)) {
        throw new Error(`${where}: unknown condition [${flag}]; known: ${PROCFILE_FLAGS.join(", ")}`);
      }
      if (!target.flags.includes(flag as ProcfileFlag)) return;
      line = line.slice(condition[0].length);
    }
    const rendered = line.replace(PLACEHOLDER, (_match, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`${where}: unknown placeholder {{${name}}}`);
      return value;
    });
    if (!PROCESS_LINE.test(rendered)) {
      throw new Error(`${where}: expected "<process>: <command>", got "${rendered}"`);
    }
    lines.push(rendered);
  });
  const processes = parseProcfile(lines.join("\n"));
  if (!processes.web) throw new Error(`the Procfile of ${target.app} has no web process`);
  return `${lines.join("\n")}\n`;
}

/** Process type to command. Throws on a process type given twice, which Heroku would not accept either. */
export function parseProcfile(text: string): Record<string, string> {
  const processes: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = PROCESS_LINE.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    if (match[1] in processes) throw new Error(`process "${match[1]}" is defined twice`);
    processes[match[1]] = match[2];
  }
  return processes;
}

export function readProcfileTemplate(path = PROCFILE_TEMPLATE_PATH): string {
  return readFileSync(path, "utf8");
}

export function procfileFor(app: HerokuApp, template = readProcfileTemplate()): string {
  return renderProcfile(template, { app, ...herokuAppSpec(app) });
}

export interface HerokuProcesses {
  /** Serves HTTP on $PORT; run from the repository root. */
  web: string;
  /** Runs once per release, before new dynos start (edm-stats's migrations); absent for the other apps. */
  release?: string;
}

/** The commands Heroku runs for an app, as rendered from the template. */
export function herokuProcesses(app: HerokuApp, template = readProcfileTemplate()): HerokuProcesses {
  const { web, release } = parseProcfile(procfileFor(app, template));
  if (!web) throw new Error(`the Procfile of ${app} has no web process`);
  return release === undefined ? { web } : { web, release };
}

function main(argv: string[]): void {
  const [app, processType] = argv;
  if (!app || !isHerokuApp(app)) {
    console.error(`usage: render-procfile.ts <${HEROKU_APPS.join("|")}> [web|release]`);
    process.exit(2);
  }
  const procfile = procfileFor(app);
  if (!processType) {
    process.stdout.write(procfile);
    return;
  }
  const command = parseProcfile(procfile)[processType];
  if (command === undefined) {
    console.error(`${app} has no "${processType}" process`);
    process.exit(1);
  }
  process.stdout.write(`${command}\n`);
}

if (process.argv[1] === import.meta.filename) main(process.argv.slice(2));
