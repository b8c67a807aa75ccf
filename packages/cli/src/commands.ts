import type { CliCommand } from "./command";
import { lagCommand } from "./lag/lag-command";
import { loadCommand } from "./load/load-command";
import { newConsumerCommand } from "./new-consumer/new-consumer-command";
import { rebuildStatsCommand } from "./rebuild/rebuild-command";
import { replayCommand } from "./replay/replay-command";

/** Every `pnpm edm` command, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [
  loadCommand,
  lagCommand,
  replayCommand,
  rebuildStatsCommand,
  newConsumerCommand,
];
