// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions are written "${...}", as hcl2json returns them.
// The consumers made by `pnpm edm new-consumer`: one entry each in consumers.json, which terraform reads
// (consumers.tf), so each gets an app, the Kafka attachment, its database, its group, a build and dynos,
// and the config vars its own loadConfig accepts.
import { describe, expect, it } from "vitest";
import { CONSUMER_APPS, HEROKU_APPS } from "../../scripts/heroku/heroku-apps";
import { appEnvironment, type Env, HEROKU_KAFKA_ENV, HEROKU_POSTGRES_ENV, mustSet } from "./app-env";
import { loadTerraform, resource } from "./terraform-config";
import { evaluateConfigVar } from "./terraform-env";

const tf = await loadTerraform();

describe("terraform's consumers", () => {
  it("are read from consumers.json, the list the scripts read", () => {
    expect(tf.locals.consumers).toBe(
      '${{ for consumer in jsondecode(file("${path.module}/../consumers.json")) : consumer.role => consumer }}',
    );
    for (const consumer of CONSUMER_APPS) expect(HEROKU_APPS).toContain(consumer.app);
    expect(new Set(CONSUMER_APPS.map((consumer) => consumer.role)).size).toBe(CONSUMER_APPS.length);
  });

  it("each get an app, the Kafka add-on as KAFKA, a database when they keep data, and their group", () => {
    expect(resource(tf, "heroku_app.consumer")).toMatchObject({
      for_each: "${local.consumers}",
      name: "${var.app_name_prefix}-${each.key}",
      buildpacks: ["heroku/nodejs"],
    });
    expect(resource(tf, "heroku_addon_attachment.kafka_consumer")).toMatchObject({
      for_each: "${local.consumers}",
      app_id: "${heroku_app.consumer[each.key].id}",
      addon_id: "${heroku_addon.kafka.id}",
      name: "KAFKA",
    });
    expect(resource(tf, "heroku_addon.consumer_postgres")).toMatchObject({
      app_id: "${heroku_app.consumer[each.key].id}",
      plan: "${var.postgres_plan}",
    });
    expect(String(resource(tf, "heroku_addon.consumer_postgres").for_each)).toContain("if consumer.database");
    expect(tf.locals.consumer_groups).toContain("[for consumer in values(local.consumers) : consumer.group]");
  });

  it.each(CONSUMER_APPS.map((consumer) => [consumer.app, consumer] as const))(
    "%s: its config vars and add-ons pass its own loadConfig",
    async (app, consumer) => {
      const association = resource(tf, "heroku_app_config_association.consumer");
      expect(association.app_id).toBe("${heroku_app.consumer[each.key].id}");
      const vars = association.vars as Record<string, string>;
      const env: Env = {
        CORS_ORIGINS: evaluateConfigVar(tf, vars.CORS_ORIGINS),
        [consumer.groupVariable]: consumer.group,
        ...HEROKU_KAFKA_ENV,
        ...(consumer.database ? HEROKU_POSTGRES_ENV : {}),
        PORT: "41234",
        DYNO: "web.1",
      };
      expect(vars["${(each.value.groupVariable)}"]).toBe("${each.value.group}");
      const environment = await appEnvironment(app);
      expect(mustSet(app).filter((name) => env[name] === undefined)).toEqual([]);
      expect(() => environment.loadConfig(env)).not.toThrow();
    },
  );
});
