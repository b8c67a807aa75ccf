// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions are written "${...}", as hcl2json returns them.
// What a careful reviewer checks in terraform/, since terraform itself cannot run here: the settings, that
// every reference resolves, the apps and add-ons, and the outputs. terraform-apps.test.ts checks what each
// app gets: its config vars, the Kafka topics and groups, its build and dynos.
import { beforeAll, describe, expect, it } from "vitest";
import { HEROKU_APPS } from "../../scripts/heroku/heroku-apps";
import { allExpressions, expressionsIn, referencesIn } from "./hcl-references";
import {
  firstBlock,
  loadTerraform,
  ROLE_APP,
  ROLES,
  resource,
  resourcesOfType,
  type TerraformConfig,
} from "./terraform-config";

/** Roots a reference may have besides variables, locals, data sources and resources. */
const BUILT_IN_ROOTS = new Set(["path", "each", "count", "self", "terraform"]);

let tf: TerraformConfig;

beforeAll(async () => {
  tf = await loadTerraform();
});

describe("terraform settings", () => {
  it("needs Terraform 1.9 or later (validations that refer to other variables) and pins heroku/heroku to 5.x", () => {
    const settings = tf.settings[0] ?? {};
    expect(settings.required_version).toMatch(/^>= ?1\.(9|\d{2})(\.\d+)?$/);
    const providers = firstBlock(settings, "required_providers") as Record<
      string,
      { source: string; version: string }
    >;
    expect(providers.heroku?.source).toBe("heroku/heroku");
    expect(providers.heroku?.version).toMatch(/^~> ?5\.\d+(\.\d+)?$/);
  });

  it("takes the API key from HEROKU_API_KEY: no key in the provider, no credential variables", () => {
    expect(Object.keys(tf.providers)).toEqual(["heroku"]);
    expect(tf.providers.heroku).not.toHaveProperty("api_key");
    const credentials = Object.keys(tf.variables).filter((name) =>
      /key|token|email|password|secret/i.test(name),
    );
    expect(credentials).toEqual([]);
  });

  it("declares every resource, variable, local and output once", () => {
    expect(tf.duplicates).toEqual([]);
  });
});

describe("references", () => {
  it("resolve to a declared variable, local, data source or resource", () => {
    const unresolved = allExpressions(tf).flatMap(({ where, text }) =>
      referencesIn(text)
        .filter((reference) => {
          if (reference.root === "var") return !(reference.name in tf.variables);
          if (reference.root === "local") return !(reference.name in tf.locals);
          if (reference.root === "data") return !(reference.name in tf.data);
          if (BUILT_IN_ROOTS.has(reference.root)) return false;
          return !(`${reference.root}.${reference.name}` in tf.resources);
        })
        .map((reference) => `${where}: ${reference.text}`),
    );
    expect(unresolved).toEqual([]);
  });

  it("use each.* only where for_each is set", () => {
    const blocks = Object.entries({ ...tf.resources, ...tf.data });
    const misplaced = blocks
      .filter(([, body]) => !("for_each" in body))
      .flatMap(([key, body]) => expressionsIn(body, key))
      .filter(({ text }) => referencesIn(text).some((reference) => reference.root === "each"))
      .map(({ where }) => where);
    expect(misplaced).toEqual([]);
  });

  it("leave no variable or local unused (the original declared key variables it never read)", () => {
    const used = new Set(
      allExpressions(tf).flatMap(({ text }) =>
        referencesIn(text).map((reference) => `${reference.root}.${reference.name}`),
      ),
    );
    const unused = [
      ...Object.keys(tf.variables).map((name) => `var.${name}`),
      ...Object.keys(tf.locals).map((name) => `local.${name}`),
    ].filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });
});

describe("variables", () => {
  it("have the defaults the issue asks for, and the app-name prefix none", () => {
    const defaults = Object.fromEntries(
      Object.entries(tf.variables).map(([name, body]) => [name, body.default]),
    );
    expect(defaults).toMatchObject({
      region: "us",
      kafka_plan: "heroku-kafka:basic-0",
      postgres_plan: "heroku-postgresql:essential-0",
      topic_partitions: expect.any(Number),
      topic_retention: expect.stringMatching(/^\d+ ?(ms|s|m|h|d)$/),
    });
    expect(tf.variables.app_name_prefix).toBeDefined();
    expect(tf.variables.app_name_prefix).not.toHaveProperty("default");
    const dynos = defaults.dynos as Record<string, { size: string; quantity: number }>;
    expect(Object.keys(dynos).sort()).toEqual([...ROLES].sort());
  });
});

describe("apps and add-ons", () => {
  it("creates the five apps, named from the prefix, one per app of the monorepo", () => {
    // The generated consumers (heroku_app.consumer) are checked in terraform-consumers.test.ts.
    expect(resourcesOfType(tf, "heroku_app").sort()).toEqual(
      [...ROLES.map((role) => `heroku_app.${role}`), "heroku_app.consumer"].sort(),
    );
    for (const role of ROLES) {
      expect(resource(tf, `heroku_app.${role}`).name).toBe(`\${var.app_name_prefix}-${role}`);
    }
    const core = (expression: unknown) => String(expression).replace(/\s+/g, " ");
    for (const role of ROLES) {
      expect(core(tf.locals.apps)).toContain(`${role} = "${ROLE_APP[role]}"`);
      expect(core(tf.locals.heroku_apps)).toContain(`${role} = heroku_app.${role}`);
    }
    expect(core(tf.locals.apps)).toContain(
      "{ for role, consumer in local.consumers : role => consumer.app }",
    );
    expect(core(tf.locals.heroku_apps)).toContain("heroku_app.consumer)");
    expect(HEROKU_APPS.slice(0, ROLES.length)).toEqual(ROLES.map((role) => ROLE_APP[role]));
  });

  it("puts one Kafka add-on on edm-relay and attaches it, as KAFKA, to edm-stream and edm-stats", () => {
    expect(resourcesOfType(tf, "heroku_addon").sort()).toEqual([
      "heroku_addon.consumer_postgres",
      "heroku_addon.kafka",
      "heroku_addon.postgres",
    ]);
    expect(resource(tf, "heroku_addon.kafka")).toMatchObject({
      app_id: "${heroku_app.relay.id}",
      plan: "${var.kafka_plan}",
    });
    const attachments = resourcesOfType(tf, "heroku_addon_attachment").map((key) => resource(tf, key));
    expect(attachments.map((attachment) => attachment.app_id).sort()).toEqual([
      "${heroku_app.consumer[each.key].id}",
      "${heroku_app.stats.id}",
      "${heroku_app.stream.id}",
    ]);
    for (const attachment of attachments) {
      expect(attachment).toMatchObject({ addon_id: "${heroku_addon.kafka.id}", name: "KAFKA" });
    }
  });

  it("puts PostgreSQL on edm-stats", () => {
    expect(resource(tf, "heroku_addon.postgres")).toMatchObject({
      app_id: "${heroku_app.stats.id}",
      plan: "${var.postgres_plan}",
    });
  });
});

describe("outputs", () => {
  it("are the five URLs, the shop and the dashboard first, in the file and as terraform lists them", () => {
    const expected = ["ui", "dashboard", "relay", "stream", "stats"].map(
      (role) => `\${heroku_app.${role}.web_url}`,
    );
    expect(tf.outputOrder.map((name) => tf.outputs[name]?.value)).toEqual(expected);
    const sorted = [...tf.outputOrder].sort();
    expect(sorted.map((name) => tf.outputs[name]?.value)).toEqual(expected);
    expect(tf.outputOrder[0]).toMatch(/shop/);
    expect(tf.outputOrder[1]).toMatch(/dashboard/);
  });
});
