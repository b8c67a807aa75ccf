import type { Command } from "commander";
import type { CliContext } from "./context";

/**
 * One `pnpm edm <name>` command: a module that adds itself (options, help, action) to the program. To add
 * a command, write such a module and list it in commands.ts; nothing else changes.
 */
export interface CliCommand {
  name: string;
  register(program: Command, context: CliContext): void;
}
