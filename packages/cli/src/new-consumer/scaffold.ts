import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { CliError, EXIT } from "../cli-error";
import type { ConsumerNames } from "./consumer-names";
import {
  addComposeService,
  addDockerTarget,
  addReadmeRow,
  addToConsumers,
  consumerEntry,
  nextPort,
} from "./deploy-entries";
import { renderTemplate } from "./render-template";

export const TEMPLATE_DIR = join(import.meta.dirname, "../../templates/consumer");

export interface ScaffoldOptions {
  root: string;
  names: ConsumerNames;
  fromBeginning: boolean;
  port?: number;
}

/** Writes apps/<name> from the templates and registers it where the deployment reads apps; returns the paths. */
export async function scaffoldConsumer({
  root,
  names,
  fromBeginning,
  port,
}: ScaffoldOptions): Promise<string[]> {
  const appDir = join(root, "apps", names.name);
  if (existsSync(appDir)) throw new CliError(`apps/${names.name} exists already`, EXIT.usage);
  const consumersPath = join(root, "consumers.json");
  const consumersJson = await readFile(consumersPath, "utf8");
  const entry = consumerEntry(names, port ?? nextPort(consumersJson));
  const values = {
    name: names.name,
    role: names.role,
    Type: names.type,
    GROUP_VARIABLE: names.groupVariable,
    group: entry.group,
    port: String(entry.port),
    fromBeginning: String(fromBeginning),
    startsAt: fromBeginning
      ? "a new group starts from the oldest record Kafka retains"
      : "a new group starts at the newest records",
  };
  const written: string[] = [];
  for (const template of await templateFiles(TEMPLATE_DIR)) {
    const target = join(appDir, relative(TEMPLATE_DIR, template).replace(/\.tmpl$/, ""));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, renderTemplate(await readFile(template, "utf8"), values));
    written.push(relative(root, target));
  }
  const edits: [string, (text: string) => string][] = [
    ["consumers.json", (text) => addToConsumers(text, entry)],
    ["docker-compose.yml", (text) => addComposeService(text, entry)],
    ["Dockerfile", (text) => addDockerTarget(text, entry)],
    ["README.md", (text) => addReadmeRow(text, entry)],
  ];
  for (const [file, edit] of edits) {
    const path = join(root, file);
    await writeFile(path, edit(await readFile(path, "utf8")));
    written.push(file);
  }
  return written;
}

async function templateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".tmpl"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
