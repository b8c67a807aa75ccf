// References in Terraform expressions, which hcl2json returns as strings such as "${heroku_app.relay.id}":
// enough to check that each one names something declared, as `terraform validate` would.
import type { TerraformConfig } from "./terraform-config";

export interface Expression {
  /** Where it is, e.g. "resource heroku_build.app > source > path". */
  where: string;
  text: string;
}

/** Every string holding an interpolation, anywhere under `value` (type constraints excepted). */
export function expressionsIn(value: unknown, where: string): Expression[] {
  if (typeof value === "string") return value.includes("${") ? [{ where, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item) => expressionsIn(item, where));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      key === "type" && where.startsWith("variable") ? [] : expressionsIn(item, `${where} > ${key}`),
    );
  }
  return [];
}

export function allExpressions(config: TerraformConfig): Expression[] {
  return [
    ...Object.entries(config.resources).flatMap(([key, block]) => expressionsIn(block, `resource ${key}`)),
    ...Object.entries(config.data).flatMap(([key, block]) => expressionsIn(block, `data ${key}`)),
    ...Object.entries(config.variables).flatMap(([key, block]) => expressionsIn(block, `variable ${key}`)),
    ...Object.entries(config.outputs).flatMap(([key, block]) => expressionsIn(block, `output ${key}`)),
    ...Object.entries(config.locals).flatMap(([key, value]) => expressionsIn(value, `local ${key}`)),
    ...Object.entries(config.providers).flatMap(([key, block]) => expressionsIn(block, `provider ${key}`)),
  ];
}

/**
 * The code of a template with its string literals blanked out, so that text inside quotes is never taken
 * for a reference: `"${local.a}.web.${b}"` inside an expression keeps `local.a` and `b` only.
 */
export function codeOf(template: string): string {
  let code = "";
  let at = 0;
  const literal = (closedByQuote: boolean): void => {
    while (at < template.length) {
      const char = template[at];
      if (closedByQuote && char === '"') {
        at += 1;
        return;
      }
      if (char === "\\") {
        at += 2;
        continue;
      }
      if ((char === "$" || char === "%") && template[at + 1] === "{") {
        if (template[at - 1] === char) {
          at += 2; // "$${" is an escaped, literal "${"
          continue;
        }
        at += 2;
        expression();
        continue;
      }
      at += 1;
    }
  };
  const expression = (): void => {
    let depth = 0;
    while (at < template.length) {
      const char = template[at] ?? "";
      at += 1;
      if (char === '"') {
        code += " ";
        literal(true);
        code += " ";
        continue;
      }
      if (char === "{") depth += 1;
      if (char === "}") {
        if (depth === 0) {
          code += " ";
          return;
        }
        depth -= 1;
      }
      code += char;
    }
  };
  literal(false);
  return code;
}

export interface Reference {
  /** "var", "local", "data", "path", "each", a resource type, ... */
  root: string;
  /** The variable, local or resource name (for data: "type.name"). */
  name: string;
  text: string;
}

const TRAVERSAL = /(?<![\w.-])([A-Za-z_][\w-]*)((?:\s*\.\s*[A-Za-z_][\w-]*)+)/g;
const ITERATORS = /\bfor\s+([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\b/g;

/** The references (`a.b...`) in a template, without the names a `for` expression binds. */
export function referencesIn(template: string): Reference[] {
  const code = codeOf(template);
  const bound = new Set([...code.matchAll(ITERATORS)].flatMap((match) => [match[1], match[2]]));
  const references: Reference[] = [];
  for (const match of code.matchAll(TRAVERSAL)) {
    const root = match[1] ?? "";
    if (bound.has(root)) continue;
    const parts = (match[2] ?? "")
      .split(".")
      .map((part) => part.trim())
      .filter((part) => part !== "");
    const name = root === "data" ? parts.slice(0, 2).join(".") : (parts[0] ?? "");
    references.push({ root, name, text: match[0].replace(/\s+/g, "") });
  }
  return references;
}
