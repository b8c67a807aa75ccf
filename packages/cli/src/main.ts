// `pnpm edm …`: wiring only. The commands live in commands.ts; exit codes in cli-error.ts.
import { join } from "node:path";
import { commands } from "./commands";
import { createContext } from "./context";
import { readLocalBroker } from "./local-broker";
import { runCli } from "./program";

const repoRoot = join(import.meta.dirname, "../../..");
const stateDir = process.env.EDM_STATE_DIR ?? join(repoRoot, ".local");

const interrupt = new AbortController();
process.on("SIGINT", () => {
  // The first Ctrl-C lets a running command stop cleanly and report; a second one leaves at once.
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

const context = createContext({
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: interrupt.signal,
  localBroker: () => readLocalBroker(stateDir),
});

const code = await runCli(process.argv.slice(2), commands, context);
// kafkajs may keep sockets open after a bounded disconnect gave up; the answer is already printed.
process.exit(code);
