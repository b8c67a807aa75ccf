import { Command, CommanderError } from "commander";
import { CliError, EXIT, type ExitCode } from "./cli-error";
import type { CliCommand } from "./command";
import type { CliContext } from "./context";

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  failed on the way (Kafka or the relay unreachable or answering an error)
  2  wrong command line (unknown option, value out of bounds)
  3  wrong environment (KAFKA_URL and its TLS variables, KAFKA_PREFIX, DATABASE_URL)
  4  refused: the consumer group has active members
  5  load finished with events refused or not acknowledged

Configuration: the apps' variables (KAFKA_URL, KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT,
KAFKA_CLIENT_CERT_KEY, KAFKA_PREFIX, DATABASE_URL). Without KAFKA_URL, the project's local
broker (.local/kafka/connection.json, written by \`pnpm kafka start\`).`;

export function buildProgram(commands: readonly CliCommand[], context: CliContext): Command {
  const program = new Command("edm")
    .description("Operate the edm pipeline: generate load, see consumer lag, replay a consumer group.")
    .addHelpText("after", EXIT_CODES_HELP)
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .exitOverride();
  for (const command of commands) command.register(program, context);
  // Subcommands inherit neither of these from the program unless told.
  for (const sub of program.commands) {
    sub
      .exitOverride()
      .showHelpAfterError("(add --help for usage)")
      .configureOutput(program.configureOutput());
  }
  return program;
}

/** Runs one command line (without "node main.ts") and returns the exit code; never throws. */
export async function runCli(
  argv: readonly string[],
  commands: readonly CliCommand[],
  context: CliContext,
): Promise<ExitCode> {
  const program = buildProgram(commands, context);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      context.stderr.write(`edm: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`edm: ${message}\n`);
    return EXIT.failed;
  }
}
