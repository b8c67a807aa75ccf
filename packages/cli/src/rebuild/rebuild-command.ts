import { Option } from "commander";
import { CliError, EXIT, type ExitCode } from "../cli-error";
import type { CliCommand } from "../command";
import type { CliContext } from "../context";
import { runRebuildChild } from "./rebuild-child";
import {
  formatRebuildProgress,
  formatRebuildResult,
  isProgress,
  isResult,
  parseRebuildLine,
} from "./rebuild-lines";

interface RebuildCliOptions {
  buildOnly?: boolean;
  prune?: boolean;
  json?: boolean;
}

/** edm-stats's rebuild exit codes (rebuild-cli.ts) in the CLI's own (cli-error.ts). */
const CHILD_EXIT: Record<number, ExitCode> = {
  0: EXIT.ok,
  2: EXIT.usage,
  3: EXIT.refused,
  130: EXIT.interrupted,
};

export const rebuildStatsCommand: CliCommand = {
  name: "rebuild-stats",
  register(program, context) {
    program
      .command("rebuild-stats")
      .description(
        "Recompute edm-stats's statistics from everything Kafka retains into fresh tables and a fresh consumer group, then switch the API to them (blue/green).",
      )
      .argument("[command]", "status | activate | prune (none: rebuild)")
      .argument("[generation]", "for activate: the generation to make active again")
      .option("--build-only", "rebuild, but do not switch to the new generation")
      .option("--prune", "before rebuilding, drop the generations replaced earlier")
      .addOption(new Option("--json", "print edm-stats's JSON lines (progress, result) on stdout"))
      .addHelpText(
        "after",
        `
Runs edm-stats's own rebuild (pnpm --filter edm-stats rebuild-stats) with this environment:
DATABASE_URL (required), KAFKA_URL and its TLS variables, KAFKA_PREFIX, STATS_GROUP_ID.
Only what Kafka still retains can be rebuilt: older events are gone from the topics.

Exit codes: 0 done, 1 failed, 2 wrong command line, 3 wrong environment,
4 another rebuild is running, 130 interrupted (the next rebuild resumes it).

Examples:
  pnpm edm rebuild-stats                 # rebuild, switch, print both generations' totals
  pnpm edm rebuild-stats status
  pnpm edm rebuild-stats activate 0      # roll back to the deployment's own tables`,
      )
      .action((command: string | undefined, generation: string | undefined, options: RebuildCliOptions) =>
        rebuildStats(
          context,
          [command, generation].filter((arg) => arg !== undefined),
          options,
        ),
      );
  },
};

async function rebuildStats(context: CliContext, positionals: string[], options: RebuildCliOptions) {
  const config = await context.config();
  if (!config.databaseUrl) {
    throw new CliError(
      "DATABASE_URL is not set: rebuild-stats needs edm-stats's database (locally the one `npm start` uses, e.g. postgres://127.0.0.1:5432/edm)",
      EXIT.config,
    );
  }
  // The child reads the apps' variables; the broker the CLI found (the local one when KAFKA_URL is unset)
  // is handed on, so both talk to the same Kafka.
  await context.kafka();
  const localUrl = config.kafka.brokers.map((broker) => `kafka://${broker}`).join(",");
  const env = { ...context.env, KAFKA_URL: context.env.KAFKA_URL ?? localUrl };
  const flags = [options.buildOnly ? "--build-only" : "", options.prune ? "--prune" : ""].filter(Boolean);
  const rebuilding = positionals.length === 0;
  // A rebuild always speaks JSON to the CLI, which draws its progress; the other commands print for people.
  const json = rebuilding || options.json ? ["--json"] : [];
  const status = context.statusLine();
  let result: string | undefined;
  const onLine = rebuilding
    ? (text: string) => {
        if (options.json) return context.print(text);
        const line = parseRebuildLine(text);
        if (line && isProgress(line)) return status.update(formatRebuildProgress(line));
        if (line && isResult(line)) result = formatRebuildResult(line);
        else if (!line) context.note(text);
      }
    : undefined;
  const child = runRebuildChild({
    args: [...positionals, ...flags, ...json],
    env,
    stdout: context.stdout,
    stderr: context.stderr,
    signal: context.signal,
    ...(onLine ? { onLine } : {}),
  });
  let code: number;
  try {
    code = await child.exited;
  } finally {
    status.clear();
  }
  if (result) context.print(result);
  const exit = CHILD_EXIT[code] ?? EXIT.failed;
  if (exit !== EXIT.ok) throw new CliError(`edm-stats's rebuild ended with exit code ${code}`, exit);
}
