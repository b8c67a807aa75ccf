import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

// A Kafka broker of one test's own, from the project's script with its own ports and state, so the test
// can stop and restart it (an outage) while every other test keeps using the shared broker.

const run = promisify(execFile);
const kafkaScript = join(import.meta.dirname, "../../../../scripts/kafka/kafka.sh");

export interface PrivateBroker {
  /** Plaintext KAFKA_URL of this broker. */
  env: Record<string, string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Kills it without warning (SIGKILL, as a crashed machine would); start() brings it back on its data. */
  kill(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True while the process exists and is not a zombie (one nobody reaps stays listed, but is dead). */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat !== "" && stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}

export async function createPrivateBroker(): Promise<PrivateBroker> {
  const stateDir = await mkdtemp(join(tmpdir(), "edm-relay-broker-"));
  const [plaintext, tls, controller] = [await freePort(), await freePort(), await freePort()];
  const scriptEnv = {
    ...process.env,
    EDM_STATE_DIR: stateDir,
    EDM_KAFKA_PORT: String(plaintext),
    EDM_KAFKA_TLS_PORT: String(tls),
    EDM_KAFKA_CONTROLLER_PORT: String(controller),
  };
  const kafkaSh = async (command: "start" | "stop") => {
    try {
      await run("bash", [kafkaScript, command], { env: scriptEnv, maxBuffer: 10 * 1024 * 1024 });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(
        `kafka.sh ${command} failed for the private broker in ${stateDir}:\n${stdout}${stderr}`,
      );
    }
  };
  return {
    env: { KAFKA_URL: `kafka://127.0.0.1:${plaintext}` },
    start: () => kafkaSh("start"),
    stop: () => kafkaSh("stop"),
    async kill() {
      const pid = Number(await readFile(join(stateDir, "kafka/broker.pid"), "utf8"));
      process.kill(pid, "SIGKILL");
      while (await isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async remove() {
      await kafkaSh("stop").catch(() => {});
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
