import { execFile, spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { kafkaScript, type LocalKafkaSettings } from "./settings";

const run = promisify(execFile);
const stopTimeoutMs = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a command of kafka.sh, which keeps what must be bash: fetching the jars, making the certificates
 * (openssl), formatting the storage and launching the JVM. Its progress lines (stderr) go to `log` as they
 * come (an install takes minutes); its stdout is returned. A failure throws with everything it printed.
 */
export async function kafkaSh(
  settings: LocalKafkaSettings,
  command: "install" | "certs" | "launch",
  log: (line: string) => void,
): Promise<string> {
  const child = spawn("bash", [kafkaScript, command], {
    env: settings.scriptEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  const printed: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  createInterface({ input: child.stderr }).on("line", (line) => {
    printed.push(line);
    log(line.replace(/^\[edm kafka\] /, ""));
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) {
    throw new Error(
      `kafka.sh ${command} failed (state in ${settings.stateDir}):\n${[stdout.trim(), ...printed].join("\n")}`.trim(),
    );
  }
  return stdout;
}

/** True while the process exists and is not a zombie (one nobody reaps stays listed, but is dead). */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat !== "" && stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}

/** The broker's pid when the pid file names a live Kafka started from this state directory. */
export async function runningPid(settings: LocalKafkaSettings): Promise<number | undefined> {
  const pid = Number((await readFile(settings.pidFile, "utf8").catch(() => "")).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !(await isAlive(pid))) return undefined;
  // Guards against a recycled pid that now belongs to something else.
  const commandLine = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ");
  return commandLine.includes(`kafka.Kafka ${join(settings.stateDir, "server.properties")}`)
    ? pid
    : undefined;
}

/** Throws, naming who holds it when `ss` can tell, when a listener's port is taken. */
export async function requirePortFree(name: string, port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
  if (free) return;
  const holder = await portHolder(port);
  throw new Error(
    `port ${port} (wanted for Kafka's ${name} listener) is already taken${holder ? ` by: ${holder}` : ""}. ` +
      "Stop that process, or pick another port with the EDM_KAFKA_*_PORT variables (pnpm kafka help).",
  );
}

async function portHolder(port: number): Promise<string | undefined> {
  const { stdout } = await run("ss", ["-Hltnp", `sport = :${port}`]).catch(() => ({ stdout: "" }));
  const match = /users:\(\("([^"]*)",pid=(\d+)/.exec(stdout);
  return match ? `${match[1]} (pid ${match[2]})` : undefined;
}

/** SIGTERM, then SIGKILL after 20 s (its data is safe: Kafka recovers its log on start). */
export async function stopBroker(settings: LocalKafkaSettings, log: (line: string) => void): Promise<void> {
  const pid = await runningPid(settings);
  if (pid === undefined) {
    await rm(settings.pidFile, { force: true });
    log("not running");
    return;
  }
  const started = Date.now();
  log(`stopping the broker (pid ${pid})`);
  process.kill(pid, "SIGTERM");
  while ((await isAlive(pid)) && Date.now() - started < stopTimeoutMs) await sleep(200);
  if (await isAlive(pid)) {
    log(
      `still running after ${stopTimeoutMs / 1_000} s; killing it (its data is safe: Kafka recovers its log on start)`,
    );
    await killBroker(pid);
  }
  await rm(settings.pidFile, { force: true });
  log(`stopped in ${((Date.now() - started) / 1_000).toFixed(1)} s`);
}

/** SIGKILL, as a crashed machine would; returns once the process is gone. */
export async function killBroker(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return;
  }
  while (await isAlive(pid)) await sleep(50);
}
