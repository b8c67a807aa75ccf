// Heroku kills a web dyno that has not bound PORT within 60 s (R10), whatever its dependencies are doing.
// Each back-end app is started exactly as its Procfile starts it, with a Heroku-shaped environment whose
// KAFKA_URL points at a port where nothing listens: each must answer /healthz 200 and /readyz 503 on PORT.
// edm-relay must also keep running and refuse events with 503 and Retry-After (it connects in the
// background; see apps/edm-relay/src/kafka-connection.ts). edm-stream and edm-stats give up on Kafka after
// their client's retries and exit 1 for Heroku to restart them, which is why they are checked first thing.

import { createTestSchema, eventually, freePorts, type TestSchema } from "@edm/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../../scripts/heroku/heroku-apps";
import { herokuProcesses } from "../../scripts/heroku/render-procfile";
import { type LocalHeroku, localOrigin, webDynoEnv } from "./heroku-local-env";
import { type HerokuProcess, startProcess } from "./heroku-process";
import { loadTerraform, ROLE_APP, ROLES, type Role } from "./terraform-config";

const BACK_ENDS = ["relay", "stream", "stats"] as const satisfies readonly Role[];
const START_TIMEOUT_MS = 120_000;

let heroku: LocalHeroku;
let schema: TestSchema | undefined;
const dynos = new Map<Role, HerokuProcess>();

beforeAll(async () => {
  const tf = await loadTerraform();
  const [closedPort = 0, ...ports] = await freePorts(ROLES.length + 1);
  schema = await createTestSchema(inject("databaseUrl"), "nokafka");
  heroku = {
    ports: Object.fromEntries(ROLES.map((role, index) => [role, ports[index]])) as Record<Role, number>,
    // The real add-on's variables (client certificate and all), with the broker moved where none listens.
    kafkaEnv: { ...inject("kafkaHerokuEnv"), KAFKA_URL: `kafka+ssl://127.0.0.1:${closedPort}` },
    databaseUrl: schema.url,
  };
  for (const role of BACK_ENDS) {
    const app = ROLE_APP[role];
    const env = webDynoEnv(tf, role, heroku);
    dynos.set(role, startProcess(`${app} web`, herokuProcesses(app).web, { cwd: REPO_ROOT, env }));
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([...dynos.values()].map((dyno) => dyno.kill()));
  await schema?.drop();
});

function dyno(role: Role): HerokuProcess {
  const found = dynos.get(role);
  if (!found) throw new Error(`the ${role} web process was not started`);
  return found;
}

const get = (role: Role, path: string) =>
  fetch(`${localOrigin(heroku, role)}${path}`, { signal: AbortSignal.timeout(5_000) });

describe("each back-end's web process with Kafka unreachable", () => {
  it.each(BACK_ENDS)(
    "of %s binds PORT: /healthz 200, /readyz 503 naming kafka",
    async (role) => {
      const web = dyno(role);
      try {
        await eventually(
          async () => {
            const exit = web.exit();
            if (exit) throw new Error(`${web.name} exited (${exit.code ?? exit.signal}) before binding PORT`);
            return (await get(role, "/healthz").catch(() => undefined))?.status === 200;
          },
          { timeoutMs: START_TIMEOUT_MS, intervalMs: 100, what: `GET /healthz of ${web.name} answering 200` },
        );
        const readiness = await get(role, "/readyz");
        expect(readiness.status).toBe(503);
        expect(await readiness.json()).toMatchObject({ failing: expect.arrayContaining(["kafka"]) });
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${web.output()}`);
      }
    },
    START_TIMEOUT_MS + 10_000,
  );

  it("of relay keeps running and refuses events with 503 and Retry-After, then stops cleanly", async () => {
    const web = dyno("relay");
    const response = await fetch(`${localOrigin(heroku, "relay")}/api/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        topic: "edm-ui-click",
        uuid: "session-no-kafka",
        event_timestamp: Date.now(),
        properties: { button_id: "no-kafka", description: "button click" },
      }),
    });
    expect(response.status, web.output()).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(web.exit(), web.output()).toBeUndefined();
    const stopped = await web.terminate();
    expect({ code: stopped.code, signal: stopped.signal }, web.output()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
