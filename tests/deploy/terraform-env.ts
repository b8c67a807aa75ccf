// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions are written "${...}", as hcl2json returns them.
// The environment an app gets on Heroku from terraform/: its config vars, evaluated as Heroku would see them,
// and the variables of the add-ons attached to it.
import { type Env, HEROKU_KAFKA_ENV, HEROKU_POSTGRES_ENV } from "./app-env";
import { type Role, resource, resourcesOfType, type TerraformConfig } from "./terraform-config";

/** A config var's value: origins as heroku_app.<x>.web_url gives them (less the "/"), locals by value. */
export function evaluateConfigVar(tf: TerraformConfig, value: unknown): string {
  if (typeof value !== "string") throw new Error(`config var value ${JSON.stringify(value)} is not a string`);
  if (!value.includes("${")) return value;
  const origin = /^\$\{local\.origin\["(\w+)"\]\}$/.exec(value);
  if (origin?.[1]) return `https://acme-edm-${origin[1]}-0a1b2c3d4e5f.herokuapp.com`;
  const local = /^\$\{local\.(\w+)\}$/.exec(value);
  const literal = local?.[1] ? tf.locals[local[1]] : undefined;
  if (typeof literal === "string" && !literal.includes("${")) return literal;
  throw new Error(
    `cannot evaluate ${value}; keep config vars to literals, locals and local.origin["<role>"]`,
  );
}

export function configVarsOf(tf: TerraformConfig, role: Role): Record<string, string> {
  const association = resource(tf, `heroku_app_config_association.${role}`);
  if (association.app_id !== `\${heroku_app.${role}.id}`) {
    throw new Error(`heroku_app_config_association.${role} is not on heroku_app.${role}`);
  }
  const vars = { ...(association.vars as object), ...(association.sensitive_vars as object) };
  return Object.fromEntries(
    Object.entries(vars).map(([name, value]) => [name, evaluateConfigVar(tf, value)]),
  );
}

/** What the add-ons on an app, its own or attached, put in its environment. */
export function addonEnvOf(tf: TerraformConfig, role: Role): Env {
  const appId = `\${heroku_app.${role}.id}`;
  const kafkaApps = [
    resource(tf, "heroku_addon.kafka").app_id,
    ...resourcesOfType(tf, "heroku_addon_attachment")
      .map((key) => resource(tf, key))
      .filter((attachment) => attachment.addon_id === "${heroku_addon.kafka.id}")
      .map((attachment) => attachment.app_id),
  ];
  return {
    ...(kafkaApps.includes(appId) ? HEROKU_KAFKA_ENV : {}),
    ...(resource(tf, "heroku_addon.postgres").app_id === appId ? HEROKU_POSTGRES_ENV : {}),
  };
}
