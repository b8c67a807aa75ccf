// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions are written "${...}", as hcl2json returns them.
// The environment each app gets on a Heroku dyno, pointed at this machine: the config vars terraform/ sets
// on it, each local.origin["<role>"] being the origin of that app's local port, plus the real broker's
// mTLS variables where terraform attaches the Kafka add-on and DATABASE_URL where it puts Postgres.
// Nothing of the test runner's own environment reaches the app but PATH and HOME.
import type { Role, TerraformConfig } from "./terraform-config";
import { resource } from "./terraform-config";
import { addonEnvOf, configVarsOf, evaluateConfigVar } from "./terraform-env";

export interface LocalHeroku {
  /** Each app's PORT. */
  ports: Record<Role, number>;
  /** The five KAFKA_* variables of the broker's client-certificate listener. */
  kafkaEnv: Record<string, string>;
  databaseUrl: string;
}

/** What a browser sends as Origin for a page of that app, and what its URL config vars hold. */
export function localOrigin(heroku: LocalHeroku, role: Role): string {
  return `http://127.0.0.1:${heroku.ports[role]}`;
}

/** Heroku's own variables for every dyno of a process type (DYNO is "web.1", "release.1", ...). */
export function platformEnv(dyno: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DYNO: dyno,
    NODE_ENV: "production",
  };
}

export function webDynoEnv(tf: TerraformConfig, role: Role, heroku: LocalHeroku): Record<string, string> {
  return {
    ...platformEnv("web.1"),
    PORT: String(heroku.ports[role]),
    ...addonVariables(tf, role, heroku),
    ...localConfigVars(tf, role, heroku),
  };
}

/** The release phase runs with the app's config vars and add-ons too, but without PORT. */
export function releaseDynoEnv(tf: TerraformConfig, role: Role, heroku: LocalHeroku): Record<string, string> {
  return {
    ...platformEnv("release.1"),
    ...addonVariables(tf, role, heroku),
    ...localConfigVars(tf, role, heroku),
  };
}

function addonVariables(tf: TerraformConfig, role: Role, heroku: LocalHeroku): Record<string, string> {
  const attached = addonEnvOf(tf, role);
  return {
    ...("KAFKA_URL" in attached ? heroku.kafkaEnv : {}),
    ...("DATABASE_URL" in attached ? { DATABASE_URL: heroku.databaseUrl } : {}),
  };
}

function localConfigVars(tf: TerraformConfig, role: Role, heroku: LocalHeroku): Record<string, string> {
  // configVarsOf checks the association is on this app; its values name made-up herokuapp.com origins.
  const names = Object.keys(configVarsOf(tf, role));
  const association = resource(tf, `heroku_app_config_association.${role}`);
  const written = { ...(association.vars as object), ...(association.sensitive_vars as object) } as Record<
    string,
    unknown
  >;
  return Object.fromEntries(
    names.map((name) => {
      const value = written[name];
      const origin = typeof value === "string" ? /^\$\{local\.origin\["(\w+)"\]\}$/.exec(value) : null;
      const other = origin?.[1] as Role | undefined;
      if (other && other in heroku.ports) return [name, localOrigin(heroku, other)];
      return [name, evaluateConfigVar(tf, value)];
    }),
  );
}
