// terraform/*.tf parsed with HashiCorp's HCL parser (@cdktf/hcl2json) into what the tests look at: the
// resources, data sources, variables, locals and outputs, each by name.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { type HerokuApp, REPO_ROOT } from "../../scripts/heroku/heroku-apps";

export const TERRAFORM_DIR = join(REPO_ROOT, "terraform");

export type Block = Record<string, unknown>;

export interface TerraformConfig {
  /** File name to text. */
  texts: Record<string, string>;
  /** "type.name" of every resource, data source ("data.type.name"), variable and output to its body. */
  resources: Record<string, Block>;
  data: Record<string, Block>;
  variables: Record<string, Block>;
  outputs: Record<string, Block>;
  /** Output names in the order they are written, file by file in name order. */
  outputOrder: string[];
  locals: Record<string, unknown>;
  settings: Block[];
  providers: Record<string, Block>;
  /** Every "type.name" (or "name") declared more than once. */
  duplicates: string[];
}

export async function loadTerraform(dir = TERRAFORM_DIR): Promise<TerraformConfig> {
  const config: TerraformConfig = {
    texts: {},
    resources: {},
    data: {},
    variables: {},
    outputs: {},
    outputOrder: [],
    locals: {},
    settings: [],
    providers: {},
    duplicates: [],
  };
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".tf"))
    .sort();
  for (const name of names) {
    const text = readFileSync(join(dir, name), "utf8");
    config.texts[name] = text;
    const parsed = (await parse(name, text)) as Record<string, unknown>;
    collectNested(config, config.resources, parsed.resource);
    collectNested(config, config.data, parsed.data);
    collectFlat(config, config.variables, parsed.variable);
    collectFlat(config, config.outputs, parsed.output);
    collectFlat(config, config.providers, parsed.provider);
    for (const block of (parsed.locals ?? []) as Block[]) {
      for (const [key, value] of Object.entries(block)) {
        if (key in config.locals) config.duplicates.push(`local.${key}`);
        config.locals[key] = value;
      }
    }
    config.settings.push(...((parsed.terraform ?? []) as Block[]));
    config.outputOrder.push(...[...text.matchAll(/^output\s+"([^"]+)"/gm)].map((match) => match[1] ?? ""));
  }
  return config;
}

function collectNested(config: TerraformConfig, into: Record<string, Block>, section: unknown): void {
  for (const [type, byName] of Object.entries((section ?? {}) as Record<string, Record<string, Block[]>>)) {
    for (const [name, blocks] of Object.entries(byName)) {
      const key = `${type}.${name}`;
      if (key in into || blocks.length !== 1) config.duplicates.push(key);
      into[key] = blocks[0] ?? {};
    }
  }
}

function collectFlat(config: TerraformConfig, into: Record<string, Block>, section: unknown): void {
  for (const [name, blocks] of Object.entries((section ?? {}) as Record<string, Block[]>)) {
    if (name in into || blocks.length !== 1) config.duplicates.push(name);
    into[name] = blocks[0] ?? {};
  }
}

/** The apps by the role terraform keys them with, and their folders under apps/. */
export const ROLES = ["ui", "relay", "stream", "stats", "dashboard"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_APP: Record<Role, HerokuApp> = {
  ui: "edm-ui",
  relay: "edm-relay",
  stream: "edm-stream",
  stats: "edm-stats",
  dashboard: "edm-dashboard",
};

export function resource(tf: TerraformConfig, key: string): Block {
  const found = tf.resources[key];
  if (!found) throw new Error(`resource ${key} is not declared`);
  return found;
}

export function resourcesOfType(tf: TerraformConfig, type: string): string[] {
  return Object.keys(tf.resources).filter((key) => key.startsWith(`${type}.`));
}

/** The first nested block of that name (hcl2json gives each block type as a list). */
export function firstBlock(parent: Block, key: string): Block {
  return ((parent[key] as Block[] | undefined) ?? [])[0] ?? {};
}
