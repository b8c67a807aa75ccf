// Every app started exactly as its Heroku Procfile starts it, from the production build (made once, by each

// app's "build" script, in the global setup: tests/setup/builds.ts): plain node on the bundles, no TypeScript
// loader, with only the environment a dyno would have (terraform's config vars, the add-ons' variables, PORT, DYNO, NODE_ENV),
// against the real broker's client-certificate listener and the real PostgreSQL. Then a click goes through
// the whole system, and every process is stopped as Heroku stops a dyno.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { KafkaAdmin } from "@edm/kafka";
import { ALL_TOPICS, type ClickCount, STATS_API_PATHS } from "@edm/schema";
import { createTestSchema, eventually, freePorts, type TestSchema, testKafka } from "@edm/testkit";
import { connectV4, type TestDashboard } from "edm-stream/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { herokuAppSpec, REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { herokuProcesses } from "../../scripts/heroku/render-procfile";
import { type LocalHeroku, localOrigin, releaseDynoEnv, webDynoEnv } from "./heroku-local-env";
import { type HerokuProcess, type ProcessExit, runProcess, startProcess } from "./heroku-process";
import { loadTerraform, ROLE_APP, ROLES, type Role, type TerraformConfig } from "./terraform-config";

const BACK_ENDS = ["relay", "stream", "stats"] as const satisfies readonly Role[];
// Five node processes starting at once, beside other tests, on a two-core machine.
const START_TIMEOUT_MS = 120_000;
/** Heroku sends SIGKILL this long after SIGTERM. */
const HEROKU_STOP_LIMIT_MS = 30_000;

let tf: TerraformConfig;
let heroku: LocalHeroku;
let admin: KafkaAdmin | undefined;
let schema: TestSchema | undefined;
let release: ProcessExit & { output: string };
const dynos = new Map<Role, HerokuProcess>();
const dashboards: TestDashboard[] = [];

beforeAll(async () => {
  tf = await loadTerraform();

  const kafkaEnv: Record<string, string> = {
    ...inject("kafkaHerokuEnv"),
    KAFKA_PREFIX: `heroku-${randomBytes(4).toString("hex")}.`,
  };
  expect(kafkaEnv.KAFKA_URL).toMatch(/^kafka\+ssl:\/\//);
  // Heroku's basic plans create no topic on the fly; terraform's set-up step creates them beforehand.
  admin = testKafka(kafkaEnv).admin();
  await admin.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions: 3 })));
  schema = await createTestSchema(inject("databaseUrl"), "heroku");
  const ports = await freePorts(ROLES.length);
  heroku = {
    ports: Object.fromEntries(ROLES.map((role, index) => [role, ports[index]])) as Record<Role, number>,
    kafkaEnv,
    databaseUrl: schema.url,
  };

  // Heroku's release phase: after the build, before any web dyno of the release starts.
  const releaseCommand = herokuProcesses("edm-stats").release;
  if (!releaseCommand) throw new Error("the Procfile of edm-stats has no release process");
  release = await runProcess(
    "edm-stats release",
    releaseCommand,
    { cwd: REPO_ROOT, env: releaseDynoEnv(tf, "stats", heroku) },
    START_TIMEOUT_MS,
  );

  for (const role of ROLES) {
    const app = ROLE_APP[role];
    const env = webDynoEnv(tf, role, heroku);
    dynos.set(role, startProcess(`${app} web`, herokuProcesses(app).web, { cwd: REPO_ROOT, env }));
  }
}, 300_000);

afterAll(async () => {
  for (const dashboard of dashboards) dashboard.close();
  await Promise.all([...dynos.values()].map((dyno) => dyno.kill()));
  await schema?.drop();
  await admin?.deleteTopics([...ALL_TOPICS]).catch(() => {});
  await admin?.disconnect();
});

function dyno(role: Role): HerokuProcess {
  const found = dynos.get(role);
  if (!found) throw new Error(`the ${role} web process was not started`);
  return found;
}

function url(role: Role, path: string): string {
  return `${localOrigin(heroku, role)}${path}`;
}

/** Polls until GET `path` answers 200, failing at once, with the app's output, if the process died. */
async function until200(role: Role, path: string): Promise<void> {
  const web = dyno(role);
  try {
    await eventually(
      async () => {
        const exit = web.exit();
        if (exit) throw new Error(`${web.name} exited (${exit.code ?? exit.signal})`);
        const response = await fetch(url(role, path), { signal: AbortSignal.timeout(5_000) }).catch(
          () => undefined,
        );
        return response?.status === 200;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 500, what: `GET ${path} of ${web.name} answering 200` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${web.output()}`);
  }
}

describe("the Procfile's commands", () => {
  it.each(ROLES)("of %s run the build with plain node and source maps, never TypeScript", (role) => {
    const app = ROLE_APP[role];
    const commands = Object.values(herokuProcesses(app));
    for (const command of commands) expect(command).not.toMatch(/\btsx\b|\.ts\b/);
    const { entry } = herokuAppSpec(app);
    expect(herokuProcesses(app).web).toContain(`exec node --enable-source-maps ${entry}`);
    expect(existsSync(join(REPO_ROOT, "apps", app, entry)), `apps/${app}/${entry} was built`).toBe(true);
  });
});

describe("the release phase", () => {
  it("runs edm-stats's migrations into the database and exits 0", async () => {
    expect(release.code, release.output).toBe(0);
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = $1",
        [schema?.name],
      );
      expect(rows.map((row) => row.table_name)).toContain("pgmigrations");
      expect(rows.length).toBeGreaterThan(1);
    } finally {
      await client.end();
    }
  });
});

describe("each app's web process, started from its Procfile with a Heroku-shaped environment", () => {
  it.each(ROLES)(
    "of %s answers GET /healthz on PORT",
    async (role) => {
      await until200(role, "/healthz");
    },
    START_TIMEOUT_MS + 10_000,
  );

  it.each(BACK_ENDS)(
    "of %s is ready once connected",
    async (role) => {
      await until200(role, "/readyz");
    },
    START_TIMEOUT_MS + 10_000,
  );

  it("of the consumers read in the groups terraform creates beforehand on basic plans", async () => {
    // local.consumer_groups in terraform/locals.tf, for one edm-stream dyno: its group is named after DYNO.
    const prefix = heroku.kafkaEnv.KAFKA_PREFIX ?? "";
    expect(await admin?.listGroups()).toEqual(
      expect.arrayContaining([`${prefix}edm-stream.web.1`, `${prefix}edm-stats`]),
    );
  });
});

describe("a click posted to the relay", () => {
  it("comes out of edm-stream's socket and is counted once by edm-stats's API", async () => {
    const shop = localOrigin(heroku, "ui");
    const dashboardOrigin = localOrigin(heroku, "dashboard");
    const dashboard = await connectV4(url("stream", ""), { origin: dashboardOrigin });
    dashboards.push(dashboard);

    const postClick = async (buttonId: string): Promise<string> => {
      const response = await fetch(url("relay", "/api/events"), {
        method: "POST",
        headers: { "content-type": "application/json", origin: shop },
        body: JSON.stringify({
          topic: "edm-ui-click",
          uuid: `session-${randomUUID()}`,
          event_timestamp: Date.now(),
          properties: { button_id: buttonId, description: "button click" },
        }),
      });
      expect(response.status, await response.clone().text()).toBe(202);
      expect(response.headers.get("access-control-allow-origin")).toBe(shop);
      const { ids } = (await response.json()) as { ids: string[] };
      return ids[0] ?? "";
    };
    const seen = (id: string) => dashboard.received.some((event) => event.id === id);

    // edm-stream's new consumer group starts at the newest offsets once it has joined; clicks on another
    // button tell when that has happened, so the one counted below cannot fall before it.
    const warmUps: string[] = [];
    await eventually(
      async () => {
        warmUps.push(await postClick(`warm-up-${randomBytes(4).toString("hex")}`));
        await new Promise((resolve) => setTimeout(resolve, 500));
        return warmUps.some(seen);
      },
      { timeoutMs: 60_000, intervalMs: 0, what: "edm-stream's socket delivering live clicks" },
    );

    const buttonId = `heroku-${randomBytes(4).toString("hex")}`;
    const id = await postClick(buttonId);
    await eventually(() => seen(id), { timeoutMs: 30_000, what: "the click on edm-stream's socket" });
    expect(dashboard.received.find((event) => event.id === id)?.properties).toMatchObject({
      button_id: buttonId,
    });

    let counts: ClickCount[] = [];
    await eventually(
      async () => {
        const response = await fetch(url("stats", STATS_API_PATHS.clickCount), {
          headers: { origin: dashboardOrigin },
        });
        expect(response.headers.get("access-control-allow-origin")).toBe(dashboardOrigin);
        counts = (await response.json()) as ClickCount[];
        return counts.some((count) => count.button_id === buttonId);
      },
      { timeoutMs: 30_000, intervalMs: 500, what: "the click counted by edm-stats" },
    );
    expect(counts.find((count) => count.button_id === buttonId)).toEqual({ button_id: buttonId, sum: "1" });
  }, 150_000);
});

describe("the front-ends", () => {
  const indexOf = (role: "ui" | "dashboard") =>
    readFile(join(REPO_ROOT, "apps", ROLE_APP[role], "dist/index.html"), "utf8");

  it("the shop serves its build and tells the browser where the relay is", async () => {
    const page = await fetch(url("ui", "/"));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(await indexOf("ui"));
    const config = await fetch(url("ui", "/config.json"));
    expect(await config.json()).toEqual({ relayUrl: localOrigin(heroku, "relay") });
  });

  it("the dashboard serves its build and tells the browser where stats, the stream, the shop and the funnel are", async () => {
    const page = await fetch(url("dashboard", "/"));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(await indexOf("dashboard"));
    const config = await fetch(url("dashboard", "/config.json"));
    expect(await config.json()).toEqual({
      statsUrl: localOrigin(heroku, "stats"),
      streamUrl: localOrigin(heroku, "stream"),
      shopUrl: localOrigin(heroku, "ui"),
      // edm-funnel is not started here: its origin is Terraform's, as evaluated for the dashboard.
      funnelUrl: expect.stringMatching(/^https:\/\/\S+$/),
    });
  });
});

describe("SIGTERM, as Heroku sends it when a dyno stops", () => {
  it(
    "stops every web process within 30 s with exit code 0",
    async () => {
      for (const dashboard of dashboards) dashboard.close();
      const stopped = await Promise.all(
        ROLES.map(async (role) => ({ role, ...(await dyno(role).terminate()) })),
      );
      for (const { role, code, signal, ms } of stopped) {
        const output = dyno(role).output();
        expect({ role, code, signal }, output).toEqual({ role, code: 0, signal: null });
        expect(ms, `${role} took ${ms} ms to stop\n${output}`).toBeLessThan(HEROKU_STOP_LIMIT_MS);
      }
    },
    HEROKU_STOP_LIMIT_MS + 30_000,
  );
});
