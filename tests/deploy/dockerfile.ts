// A small reader of the Dockerfile's structure (stages and their instructions), enough for the deploy tests;
// docker itself cannot run here.

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARG lines before the first FROM. */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const logical: string[] = [];
  let pending = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.startsWith("#")) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = "";
  }
  const dockerfile: Dockerfile = { globalArgs: {}, stages: [] };
  for (const line of logical) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/s.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === "FROM") {
      const [, from = "", name] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      dockerfile.stages.push({ name, from, instructions: [] });
    } else if (dockerfile.stages.length === 0) {
      if (upper === "ARG") {
        const [name = "", value = ""] = args.split("=");
        dockerfile.globalArgs[name] = value;
      }
    } else {
      dockerfile.stages.at(-1)?.instructions.push({ keyword: upper, args });
    }
  }
  return dockerfile;
}

export function stage(dockerfile: Dockerfile, name: string): Stage {
  const found = dockerfile.stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`the Dockerfile has no stage "${name}"`);
  return found;
}

/** A stage's instructions, those of the stages it is built FROM first. */
export function effectiveInstructions(dockerfile: Dockerfile, name: string): Instruction[] {
  const target = stage(dockerfile, name);
  const parent = dockerfile.stages.find((candidate) => candidate.name === target.from);
  return [...(parent?.name ? effectiveInstructions(dockerfile, parent.name) : []), ...target.instructions];
}

/** The last value an instruction keyword takes in a stage (WORKDIR, CMD, USER, ...). */
export function last(instructions: Instruction[], keyword: string): string | undefined {
  return instructions.filter((instruction) => instruction.keyword === keyword).at(-1)?.args;
}

/** ENV values, both the `ENV A=1 B=2` and the old `ENV A 1` forms. */
export function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of instructions) {
    if (keyword !== "ENV") continue;
    if (!args.includes("=")) {
      const [name = "", ...value] = args.split(/\s+/);
      env[name] = value.join(" ");
      continue;
    }
    for (const [, name = "", value = ""] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
      env[name] = value.replace(/^"|"$/g, "");
    }
  }
  return env;
}
