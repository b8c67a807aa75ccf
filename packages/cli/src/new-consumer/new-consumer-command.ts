import { spawn } from "node:child_process";
import { join } from "node:path";
import { Option } from "commander";
import { CliError, EXIT } from "../cli-error";
import type { CliCommand } from "../command";
import type { CliContext } from "../context";
import { consumerNames } from "./consumer-names";
import { scaffoldConsumer } from "./scaffold";

const REPO_ROOT = join(import.meta.dirname, "../../../..");

interface NewConsumerOptions {
  fromBeginning?: boolean;
  port?: number;
  install: boolean;
}

export const newConsumerCommand: CliCommand = {
  name: "new-consumer",
  register(program, context) {
    program
      .command("new-consumer")
      .description(
        "Make apps/<name>: a Kafka consumer in a consumer group of its own, with its tests, and everything it needs to deploy.",
      )
      .argument("<name>", "its folder and package name, e.g. edm-funnel")
      .option(
        "--from-beginning",
        "a new group reads from the oldest record Kafka retains (default: the newest)",
      )
      .addOption(
        new Option("--port <port>", "its local port (default: the next after the apps')").argParser(
          (value) => {
            const port = Number(value);
            if (!Number.isInteger(port) || port < 1024 || port > 65535) {
              throw new CliError(
                `--port must be a whole number from 1024 to 65535, not "${value}"`,
                EXIT.usage,
              );
            }
            return port;
          },
        ),
      )
      .option("--no-install", "skip `pnpm install --prefer-offline`, which links the new package")
      .addHelpText(
        "after",
        `
Writes apps/<name> (src/config.ts, src/main.ts, a batch handler and its tests, an integration test against
the real broker, package.json, README.md) from packages/cli/templates/consumer, and registers it: the
root's consumers.json (read by terraform and the deploy scripts), docker-compose.yml, the Dockerfile and
the README's layout. Then: pnpm exec vitest run apps/<name>

Example:
  pnpm edm new-consumer edm-funnel --from-beginning`,
      )
      .action((name: string, options: NewConsumerOptions) => newConsumer(context, name, options));
  },
};

async function newConsumer(context: CliContext, name: string, options: NewConsumerOptions) {
  const names = consumerNames(name);
  const written = await scaffoldConsumer({
    root: REPO_ROOT,
    names,
    fromBeginning: options.fromBeginning ?? false,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  for (const file of written) context.print(`wrote ${file}`);
  // The templates cannot know how long the names are: the project's formatter lines them up.
  await run(context, "pnpm", ["exec", "biome", "format", "--write", `apps/${name}`, "README.md"]);
  if (options.install) await run(context, "pnpm", ["install", "--prefer-offline"]);
  context.print(
    `\n${name} is ready: pnpm exec vitest run apps/${name}   (start it: pnpm --filter ${name} start:tsx)`,
  );
}

/** Runs a tool in the repository, its output on stderr; a failure names the command to run by hand. */
async function run(context: CliContext, command: string, args: string[]): Promise<void> {
  const line = [command, ...args].join(" ");
  context.note(line);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.pipe(context.stderr, { end: false });
    child.once("error", reject);
    child.once("close", (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0)
    throw new CliError(`\`${line}\` failed (exit ${code}); run it by hand and look at its errors`);
}
