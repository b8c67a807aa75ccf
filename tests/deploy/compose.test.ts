// docker-compose.yml read as a reviewer would (no Docker engine here): every service an app needs is there
// and started before it, every variable its config requires is set and accepted by its own loadConfig, and
// each app is built from its Dockerfile target.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_TOPICS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  CONSUMER_APPS,
  HEROKU_APPS,
  type HerokuApp,
  herokuAppSpec,
  REPO_ROOT,
} from "../../scripts/heroku/heroku-apps";
import { herokuProcesses } from "../../scripts/heroku/render-procfile";
import { appEnvironment, type Env, mustSet } from "./app-env";
import { effectiveInstructions, last, parseDockerfile } from "./dockerfile";

interface Service {
  image?: string;
  build?: { context?: string; target?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  ports?: string[];
  command?: string[] | string;
  restart?: string;
}

const text = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const compose = parse(text("docker-compose.yml")) as { services: Record<string, Service> };
const services = compose.services;
const dockerfile = parseDockerfile(text("Dockerfile"));

/** The ports the README and the local scripts use. */
const PORTS: Record<HerokuApp, number> = {
  "edm-ui": 3000,
  "edm-relay": 3001,
  "edm-stream": 3002,
  "edm-stats": 3003,
  "edm-dashboard": 3004,
  ...Object.fromEntries(CONSUMER_APPS.map((consumer) => [consumer.app, consumer.port])),
};

const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const envOf = (name: string): Env =>
  Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, String(value)]),
  );
const kafkaEnv = envOf("kafka");
const listeners = Object.fromEntries(
  (kafkaEnv.KAFKA_LISTENERS ?? "").split(",").map((listener) => {
    const [, name = "", port = ""] = /^(\w+):\/\/[^:]*:(\d+)$/.exec(listener) ?? [];
    return [name, port];
  }),
);

describe("infrastructure services", () => {
  it("runs the project's Kafka version, apache/kafka 4.x, as one KRaft node", () => {
    const pomVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(text("scripts/kafka/pom.xml"))?.[1];
    expect(service("kafka").image).toBe(`apache/kafka:${pomVersion}`);
    expect(pomVersion).toMatch(/^4\./);
    expect(kafkaEnv.KAFKA_PROCESS_ROLES).toBe("broker,controller");
    expect(Buffer.from(kafkaEnv.CLUSTER_ID ?? "", "base64url")).toHaveLength(16);
    expect(kafkaEnv.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe("false");
  });

  it("configures listeners that agree with each other", () => {
    const protocols = Object.fromEntries(
      (kafkaEnv.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP ?? "").split(",").map((entry) => entry.split(":")),
    );
    expect(Object.keys(listeners).sort()).toEqual(Object.keys(protocols).sort());
    const advertised = (kafkaEnv.KAFKA_ADVERTISED_LISTENERS ?? "")
      .split(",")
      .map((entry) => entry.split(":")[0]);
    expect(advertised.every((name) => name && name in listeners)).toBe(true);
    const controller = kafkaEnv.KAFKA_CONTROLLER_LISTENER_NAMES ?? "";
    expect(kafkaEnv.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(
      `${kafkaEnv.KAFKA_NODE_ID}@kafka:${listeners[controller]}`,
    );
    expect(Object.keys(listeners)).toContain(kafkaEnv.KAFKA_INTER_BROKER_LISTENER_NAME);
    expect(kafkaEnv.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe("1");
  });

  it("creates the schema's topics once Kafka is healthy, and exits", () => {
    const topics = service("kafka-topics");
    expect(topics.depends_on?.kafka?.condition).toBe("service_healthy");
    expect(envOf("kafka-topics").TOPICS?.split(/\s+/)).toEqual([...ALL_TOPICS]);
    const script = [topics.command].flat().join("\n");
    expect(script).toContain("--create --if-not-exists");
    expect(script).toContain(`--bootstrap-server kafka:${listeners.INTERNAL}`);
    expect(topics.restart).toBe("no");
  });

  it("has healthchecks for Kafka and PostgreSQL", () => {
    expect(service("kafka").healthcheck?.test).toBeDefined();
    expect(service("postgres").healthcheck?.test).toBeDefined();
  });
});

describe.each(HEROKU_APPS)("%s", (app) => {
  const own = service(app);
  const env = envOf(app);

  it("is built from its own Dockerfile target", () => {
    expect(own.build).toMatchObject({ context: ".", target: app });
    expect(own.build?.dockerfile ?? "Dockerfile").toBe("Dockerfile");
    expect(dockerfile.stages.map((stage) => stage.name)).toContain(app);
  });

  it("gets every variable its config needs, only ones it reads, and its loadConfig accepts them", async () => {
    const environment = await appEnvironment(app);
    expect(Object.keys(env).filter((name) => !environment.known.has(name))).toEqual([]);
    expect(mustSet(app).filter((name) => env[name] === undefined)).toEqual([]);
    expect(() => environment.loadConfig(env)).not.toThrow();
  });

  it("runs its image's command, the app's build with plain node, as Heroku's web process does", () => {
    expect(own.command).toBeUndefined();
    const cmd = JSON.parse(last(effectiveInstructions(dockerfile, app), "CMD") ?? "[]") as string[];
    expect(cmd).toEqual(["node", "--enable-source-maps", herokuAppSpec(app).entry]);
  });

  it("listens on its port, published on this machine only", () => {
    expect(env.PORT).toBe(String(PORTS[app]));
    expect(own.ports).toEqual([`127.0.0.1:${PORTS[app]}:${PORTS[app]}`]);
  });

  it("has a healthcheck on its own port", () => {
    const test = [own.healthcheck?.test ?? []].flat().join(" ");
    expect(test).toMatch(/process\.env\.PORT|\$\{?PORT/);
    expect(test).toMatch(/\/(readyz|healthz)/);
  });

  it("starts after what it needs is healthy: Kafka's topics, the database, the apps its browser pages call", () => {
    const needs = own.depends_on ?? {};
    if (env.KAFKA_URL) {
      expect(env.KAFKA_URL).toBe(`kafka://kafka:${listeners.INTERNAL}`);
      expect(needs["kafka-topics"]?.condition).toBe("service_completed_successfully");
    }
    if (env.DATABASE_URL) expect(needs.postgres?.condition).toBe("service_healthy");
    // URLs for the browser point at the other apps' published ports, and those apps must be up first.
    for (const name of ["RELAY_URL", "STATS_URL", "STREAM_URL", "SHOP_URL"]) {
      const url = env[name];
      // edm-stats asks the relay and the stream for their readiness itself, server to server.
      if (!url || app === "edm-stats") continue;
      const target = HEROKU_APPS.find((other) => new URL(url).port === String(PORTS[other]));
      expect(new URL(url).hostname, name).toBe("localhost");
      expect(target, `${name} points at an app's port`).toBeDefined();
      if (target && name !== "SHOP_URL")
        expect(needs[target]?.condition, `${app} waits for ${target}`).toBe("service_healthy");
    }
  });
});

describe("what the apps expect of each other", () => {
  it("lets the browser pages call the apps: CORS allows the shop at the relay, the dashboard at stream and stats", () => {
    expect(envOf("edm-relay").CORS_ORIGINS?.split(",")).toContain("http://localhost:3000");
    expect(envOf("edm-stream").CORS_ORIGINS?.split(",")).toContain("http://localhost:3004");
    expect(envOf("edm-stats").CORS_ORIGINS?.split(",")).toContain("http://localhost:3004");
    expect(envOf("edm-ui").RELAY_URL).toBe("http://localhost:3001");
    expect(envOf("edm-dashboard")).toMatchObject({
      STATS_URL: "http://localhost:3003",
      STREAM_URL: "http://localhost:3002",
      SHOP_URL: "http://localhost:3000",
    });
  });

  it("lets edm-stats ask the relay and the stream for their readiness on the compose network", () => {
    expect(envOf("edm-stats")).toMatchObject({
      RELAY_URL: `http://edm-relay:${PORTS["edm-relay"]}`,
      STREAM_URL: `http://edm-stream:${PORTS["edm-stream"]}`,
    });
  });

  it("gives edm-stream and edm-stats distinct consumer groups", () => {
    expect(envOf("edm-stream").STREAM_GROUP_ID).not.toBe(envOf("edm-stats").STATS_GROUP_ID);
  });

  it("migrates edm-stats's database first, as Heroku's release phase does, with edm-stats's own image", () => {
    const migrate = service("edm-stats-migrate");
    expect(migrate.build).toEqual(service("edm-stats").build);
    const workdir = last(effectiveInstructions(dockerfile, "edm-stats"), "WORKDIR");
    expect(`cd ${workdir?.replace("/repo/", "")} && exec ${[migrate.command].flat().join(" ")}`).toBe(
      herokuProcesses("edm-stats").release,
    );
    const stats = JSON.parse(text("apps/edm-stats/package.json")) as { scripts: Record<string, string> };
    expect(stats.scripts.migrate).toBe("node --enable-source-maps dist/migrate-cli.js");
    expect(migrate.restart).toBe("no");
    expect(migrate.depends_on?.postgres?.condition).toBe("service_healthy");
    expect(service("edm-stats").depends_on?.["edm-stats-migrate"]?.condition).toBe(
      "service_completed_successfully",
    );
  });

  it("reaches PostgreSQL with the credentials it was created with, and without TLS, which the container has not", () => {
    const postgres = envOf("postgres");
    for (const name of ["edm-stats", "edm-stats-migrate"]) {
      const url = new URL(envOf(name).DATABASE_URL ?? "");
      expect(url.hostname).toBe("postgres");
      expect([url.username, url.password, url.pathname]).toEqual([
        postgres.POSTGRES_USER,
        postgres.POSTGRES_PASSWORD,
        `/${postgres.POSTGRES_DB}`,
      ]);
      expect(url.searchParams.get("sslmode")).toBe("disable");
    }
  });
});

describe("start order", () => {
  it("depends only on services that exist, healthy ones having a healthcheck and one-shot ones not restarting", () => {
    for (const [name, own] of Object.entries(services)) {
      for (const [target, { condition }] of Object.entries(own.depends_on ?? {})) {
        const other = service(target);
        if (condition === "service_healthy") expect(other.healthcheck, `${name} -> ${target}`).toBeDefined();
        else expect(condition, `${name} -> ${target}`).toBe("service_completed_successfully");
        if (condition === "service_completed_successfully") expect(other.restart).toBe("no");
      }
    }
  });

  it("has no cycle", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string): void => {
      if (done.has(name)) return;
      expect(visiting.has(name), `cycle through ${name}`).toBe(false);
      visiting.add(name);
      for (const target of Object.keys(service(name).depends_on ?? {})) visit(target);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of Object.keys(services)) visit(name);
  });
});
