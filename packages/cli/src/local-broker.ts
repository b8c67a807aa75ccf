import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LocalBroker } from "./config";

/**
 * The project's broker as `scripts/kafka/kafka.sh start` left it: `<state>/kafka/connection.json`,
 * the file `npm start` reads too. Undefined when the broker was never started here.
 */
export async function readLocalBroker(stateDir: string): Promise<LocalBroker | undefined> {
  const file = join(stateDir, "kafka/connection.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  const url = (JSON.parse(text) as { plaintextUrl?: unknown }).plaintextUrl;
  return typeof url === "string" ? { url, file } : undefined;
}
