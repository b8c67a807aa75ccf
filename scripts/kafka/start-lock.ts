import { spawn } from "node:child_process";
import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";

/**
 * Runs `work` holding `<stateDir>/.lock`, so two test runs starting at once do not both launch a broker.
 * Node has no flock(); the flock program locks the open file it inherits as fd 3, and as that lock
 * belongs to the open file, not to the program, it stays ours after flock exits, until we close the file
 * (or die: the kernel then releases it).
 */
export async function withStartLock<T>(stateDir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(stateDir, { recursive: true });
  const lockFile = join(stateDir, ".lock");
  const handle = await open(lockFile, "w");
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const flock = spawn("flock", ["-w", "180", "3"], { stdio: ["ignore", "ignore", "inherit", handle.fd] });
      flock.once("error", reject);
      flock.once("exit", resolve);
    });
    if (code !== 0) throw new Error(`another start has held ${lockFile} for 3 minutes; is it stuck?`);
    return await work();
  } finally {
    await handle.close();
  }
}
