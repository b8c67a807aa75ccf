import { readLocalKafka } from "../../../scripts/kafka/local-kafka";
import type { LocalBroker } from "./config";

/**
 * The project's broker as `pnpm kafka start` (or `npm start`) left it, read by the same reader that
 * `npm start` and the tests use. Undefined when the broker was never started here.
 */
export async function readLocalBroker(stateDir: string): Promise<LocalBroker | undefined> {
  const local = await readLocalKafka(stateDir);
  return local && { url: local.connection.plaintextUrl, file: local.file };
}
