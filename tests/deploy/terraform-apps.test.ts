// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions are written "${...}", as hcl2json returns them.
// What each app gets from terraform/: config vars its own loadConfig accepts, URLs taken from Heroku rather
// than built from names, distinct consumer groups, the topics and groups created before it starts, its build
// from this repository and its dynos.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ALL_TOPICS } from "@edm/schema";
import { instanceName, streamGroupId } from "edm-stream";
import { beforeAll, describe, expect, it } from "vitest";
import { readKafkaSetupEnv } from "../../scripts/heroku/ensure-kafka";
import { REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { readReleaseWaitEnv } from "../../scripts/heroku/wait-for-release";
import { appEnvironment, type Env, mustSet } from "./app-env";
import {
  type Block,
  firstBlock,
  loadTerraform,
  ROLE_APP,
  ROLES,
  resource,
  TERRAFORM_DIR,
  type TerraformConfig,
} from "./terraform-config";
import { addonEnvOf, configVarsOf } from "./terraform-env";

let tf: TerraformConfig;

beforeAll(async () => {
  tf = await loadTerraform();
});

const varsOf = (role: string) =>
  resource(tf, `heroku_app_config_association.${role}`).vars as Record<string, string>;

describe("config vars", () => {
  it.each(ROLES)(
    "of %s are read by the app, cover what a deployment must set, and pass its loadConfig",
    async (role) => {
      const app = ROLE_APP[role];
      const environment = await appEnvironment(app);
      const vars = configVarsOf(tf, role);
      const env: Env = {
        ...vars,
        ...addonEnvOf(tf, role),
        PORT: "41234",
        DYNO: "web.1",
        NODE_ENV: "production",
      };

      expect(Object.keys(vars).filter((name) => !environment.known.has(name))).toEqual([]);
      expect(mustSet(app).filter((name) => env[name] === undefined)).toEqual([]);
      if (environment.usesKafka) expect(env.KAFKA_URL).toMatch(/^kafka\+ssl:\/\//);
      expect(() => environment.loadConfig(env)).not.toThrow();
    },
  );

  it("take every URL and allowed origin from heroku_app.<x>.web_url, never from an app name", () => {
    expect(tf.locals.origin).toMatch(
      /^\$\{\{ ?for (\w+), (\w+) in local\.heroku_apps ?: ?\1 => trimsuffix\(\2\.web_url, "\/"\) ?\}\}$/,
    );
    for (const role of ROLES) {
      for (const [name, value] of Object.entries(varsOf(role))) {
        if (name.endsWith("_URL") || name === "CORS_ORIGINS") {
          expect(value, `${role} ${name}`).toMatch(/^\$\{local\.origin\["\w+"\]\}$/);
        }
      }
    }
    const values = JSON.stringify([tf.resources, tf.data, tf.locals, tf.outputs, tf.variables]);
    expect(values).not.toMatch(/herokuapp/);
  });

  it("point each app at the right others", () => {
    expect(varsOf("ui")).toMatchObject({ RELAY_URL: '${local.origin["relay"]}' });
    expect(varsOf("relay")).toMatchObject({ CORS_ORIGINS: '${local.origin["ui"]}', TRUST_PROXY: "1" });
    expect(varsOf("stream")).toMatchObject({ CORS_ORIGINS: '${local.origin["dashboard"]}' });
    expect(varsOf("stats")).toMatchObject({ CORS_ORIGINS: '${local.origin["dashboard"]}' });
    expect(varsOf("dashboard")).toMatchObject({
      STATS_URL: '${local.origin["stats"]}',
      STREAM_URL: '${local.origin["stream"]}',
      SHOP_URL: '${local.origin["ui"]}',
    });
  });

  it("give edm-stream and edm-stats distinct consumer groups, those kafka.tf creates on basic plans", () => {
    const streamBase = configVarsOf(tf, "stream").STREAM_GROUP_ID ?? "";
    const statsGroup = configVarsOf(tf, "stats").STATS_GROUP_ID ?? "";
    expect(streamBase).not.toBe("");
    expect(statsGroup).not.toBe("");
    expect(streamBase).not.toBe(statsGroup);
    // The group edm-stream's first dyno joins, as the app computes it from Heroku's DYNO.
    const firstDyno = streamGroupId(
      streamBase,
      instanceName({ dyno: "web.1", hostname: "x", port: 1, pid: 1 }),
    );
    expect(firstDyno).toBe(`${streamBase}.web.1`);
    expect(tf.locals.consumer_groups).toContain("${local.stream_group_id}.web.${dyno}");
    expect(tf.locals.consumer_groups).toContain('range(1, var.dynos["stream"].quantity + 1)');
    expect(tf.locals.consumer_groups).toContain("[local.stats_group_id]");
    expect(tf.locals.multi_tenant_kafka).toContain('startswith(var.kafka_plan, "heroku-kafka:basic-")');
  });
});

describe("topics and consumer groups", () => {
  const step = () => resource(tf, "terraform_data.kafka_topics_and_groups");
  const localExec = (): Block =>
    ((step().provisioner ?? {}) as Record<string, Block[]>)["local-exec"]?.[0] ?? {};

  it("are the topics of packages/schema", () => {
    expect(tf.locals.kafka_topics).toEqual([...ALL_TOPICS]);
  });

  it("are created by an idempotent step that reruns when they change", () => {
    expect(step().triggers_replace).toMatchObject({
      kafka_addon: "${heroku_addon.kafka.id}",
      topics: "${local.kafka_topics}",
      consumer_groups: "${local.consumer_groups}",
      partitions: "${var.topic_partitions}",
      retention: "${var.topic_retention}",
    });
    expect(localExec().command).toBe("node --import tsx scripts/heroku/ensure-kafka.ts");
    expect(localExec().working_dir).toBe("${local.repo_root}");
    expect(existsSync(join(REPO_ROOT, "scripts/heroku/ensure-kafka.ts"))).toBe(true);
  });

  it("pass ensure-kafka.ts every setting it reads, under the names it reads", () => {
    const environment = localExec().environment as Record<string, string>;
    const sample: Record<string, string> = {
      EDM_KAFKA_APP: "acme-edm-relay",
      EDM_KAFKA_TOPICS: ALL_TOPICS.join(","),
      EDM_KAFKA_PARTITIONS: "8",
      EDM_KAFKA_RETENTION: "1d",
      EDM_KAFKA_CONSUMER_GROUPS: "edm-stream.web.1,edm-stats",
      EDM_KAFKA_TIMEOUT_SECONDS: "900",
    };
    expect(Object.keys(environment).sort()).toEqual(Object.keys(sample).sort());
    expect(environment.EDM_KAFKA_APP).toBe("${heroku_app.relay.name}");
    expect(readKafkaSetupEnv(sample).wants.consumerGroups).toEqual(["edm-stream.web.1", "edm-stats"]);
  });
});

describe("builds and formations", () => {
  it("build every app from this repository's source with the Node.js buildpack", () => {
    const build = resource(tf, "heroku_build.app");
    expect(build).toMatchObject({
      for_each: "${local.apps}",
      app_id: "${local.heroku_apps[each.key].id}",
      buildpacks: ["heroku/nodejs"],
    });
    const source = firstBlock(build, "source");
    expect(source.path).toBe("${data.external.source[each.key].result.path}");
    // The provider refuses a checksum next to a path: it computes it.
    expect(source).not.toHaveProperty("checksum");
    expect(tf.data["external.source"]).toMatchObject({
      for_each: "${local.apps}",
      program: ["node", "--import", "tsx", "../scripts/heroku/package-source.ts"],
      working_dir: "${path.module}",
      query: { app: "${each.value}", out_dir: ".build" },
    });
    expect(existsSync(join(TERRAFORM_DIR, "../scripts/heroku/package-source.ts"))).toBe(true);
  });

  it("never put the checkout's absolute location into the plan (source.path is ForceNew)", () => {
    // package-source.int.test.ts runs the program from two checkouts and compares the answers.
    for (const [name, text] of Object.entries(tf.texts)) {
      expect(text, name).not.toMatch(/\b(abspath|path\.cwd)\s*\(|\bpath\.cwd\b/);
    }
    expect(tf.locals.repo_root).toBe("${path.module}/..");
  });

  it("build and scale only once config vars, Kafka attachments, database, topics and groups exist", () => {
    const needed = [
      "${heroku_addon_attachment.kafka_stream}",
      "${heroku_addon_attachment.kafka_stats}",
      "${terraform_data.kafka_topics_and_groups}",
    ];
    const configs = ROLES.map((role) => `\${heroku_app_config_association.${role}}`);
    expect(resource(tf, "heroku_build.app").depends_on).toEqual(
      expect.arrayContaining([...needed, "${heroku_addon.postgres}", ...configs]),
    );
    expect(resource(tf, "heroku_formation.web").depends_on).toEqual(
      expect.arrayContaining(["${heroku_build.app}", ...needed]),
    );
  });

  it("scale only once each build's release succeeded (its release phase runs the migrations)", () => {
    const wait = resource(tf, "terraform_data.release");
    expect(wait).toMatchObject({
      for_each: "${local.apps}",
      triggers_replace: { build_id: "${heroku_build.app[each.key].id}" },
    });
    const exec = ((wait.provisioner ?? {}) as Record<string, Block[]>)["local-exec"]?.[0] ?? {};
    expect(exec.command).toBe("node --import tsx scripts/heroku/wait-for-release.ts");
    expect(exec.working_dir).toBe("${local.repo_root}");
    expect(existsSync(join(REPO_ROOT, "scripts/heroku/wait-for-release.ts"))).toBe(true);
    const environment = exec.environment as Record<string, string>;
    expect(environment).toEqual({
      EDM_HEROKU_APP: "${local.heroku_apps[each.key].name}",
      EDM_HEROKU_BUILD_ID: "${heroku_build.app[each.key].id}",
    });
    // The names are the ones the script reads.
    const sample = {
      EDM_HEROKU_APP: "acme-edm-stats",
      EDM_HEROKU_BUILD_ID: "5a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    };
    expect(Object.keys(sample).sort()).toEqual(Object.keys(environment).sort());
    expect(readReleaseWaitEnv(sample).app).toBe("acme-edm-stats");
    expect(resource(tf, "heroku_formation.web").depends_on).toContain("${terraform_data.release}");
  });

  it("scale each app's web process as var.dynos (the five) and var.consumer_dynos (the rest) say", () => {
    expect(resource(tf, "heroku_formation.web")).toMatchObject({
      for_each: "${local.apps}",
      app_id: "${local.heroku_apps[each.key].id}",
      type: "web",
      size: "${local.dynos[each.key].size}",
      quantity: "${local.dynos[each.key].quantity}",
    });
    expect(tf.locals.dynos).toBe(
      "${merge({ for role in keys(local.consumers) : role => var.consumer_dynos }, var.dynos)}",
    );
  });
});
