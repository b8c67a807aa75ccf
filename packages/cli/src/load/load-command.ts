import { randomUUID } from "@edm/schema";
import { Option } from "commander";
import { CliError, EXIT } from "../cli-error";
import type { CliCommand } from "../command";
import type { CliContext } from "../context";
import {
  parseBatchSize,
  parseConcurrency,
  parseDuration,
  parseEventCount,
  parseHttpUrl,
  parseRate,
  planLoad,
  type RawLoadOptions,
} from "./load-options";
import { type RelayAnswer, runLoad } from "./load-runner";
import { formatLiveLine, formatSummary } from "./load-stats";

interface LoadCliOptions extends RawLoadOptions {
  json?: boolean;
}

/** A request the relay has not answered by then is treated as lost and sent again, same ids. */
const REQUEST_TIMEOUT_MS = 15_000;

export const loadCommand: CliCommand = {
  name: "load",
  register(program, context) {
    program
      .command("load")
      .description("Send simulated shoppers' page loads and clicks through a relay, the way the shop does.")
      .addOption(
        new Option("--relay <url>", "the relay's URL")
          .default("http://127.0.0.1:3001")
          .argParser(parseHttpUrl),
      )
      .addOption(
        new Option("--shop <url>", "the shop's URL, for the page loads' url field")
          .default("http://127.0.0.1:3000")
          .argParser(parseHttpUrl),
      )
      .addOption(
        new Option("--rate <events/s>", "events per second, 1 to 5000").default(20).argParser(parseRate),
      )
      .addOption(
        new Option("--duration <time>", "run this long: 30s, 5m, at most 1h (default 1m)").argParser(
          parseDuration,
        ),
      )
      .addOption(
        new Option("--events <n>", "stop after this many events, at most 1,000,000").argParser(
          parseEventCount,
        ),
      )
      .addOption(
        new Option("--batch <n>", "events per request, 1 to 500 (the shop sends up to 20)")
          .default(20)
          .argParser(parseBatchSize),
      )
      .addOption(
        new Option("--concurrency <n>", "requests in flight at once, 1 to 64")
          .default(4)
          .argParser(parseConcurrency),
      )
      .addOption(
        new Option("--drain <time>", "after the last event, how long to keep retrying unacknowledged ones")
          .default(30_000, "30s")
          .argParser(parseDuration),
      )
      .option("--json", "print the summary as JSON on stdout")
      .addHelpText(
        "after",
        `
Each simulated shopper lands on the home page, may browse a shelf, views products, adds some to the
cart, and some open the cart, check out and place the order (button ids as in the shop). Events get
their ids here; a batch answered 429, 503 or not at all is sent again with the same ids after the
relay's Retry-After (or a back-off). The relay allows RATE_LIMIT_PER_MINUTE requests a minute per
client (1200 by default): above about 400 events/s, raise --batch.

Exit code 5 when some events were refused or never acknowledged.

Examples:
  pnpm edm load                                  # 20 events/s for a minute, to the local relay
  pnpm edm load --rate 200 --duration 5m
  pnpm edm load --relay https://my-relay.herokuapp.com --events 10000 --rate 100`,
      )
      .action((options: LoadCliOptions) => load(context, options));
  },
};

async function load(context: CliContext, options: LoadCliOptions) {
  const planned = planLoad(options);
  if (!planned.ok) throw new CliError(planned.problem, EXIT.usage);
  const { plan } = planned;
  context.note(
    `Sending ${plan.events} events at ${plan.rate}/s (at most ${plan.durationMs / 1_000} s) to ${plan.relayUrl}/api/events; Ctrl-C stops early.`,
  );
  const status = context.statusLine();
  let summary: Awaited<ReturnType<typeof runLoad>>;
  try {
    summary = await runLoad(plan, {
      post,
      now: () => performance.now(),
      wallClock: Date.now,
      random: Math.random,
      newId: randomUUID,
      signal: context.signal,
      onProgress: (counts, recent, elapsedMs) => status.update(formatLiveLine(counts, recent, elapsedMs)),
    });
  } finally {
    status.clear();
  }
  context.print(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
  if (summary.acknowledged === 0 && summary.refused === 0) {
    throw new CliError(
      `the relay at ${plan.relayUrl} acknowledged no event: is it running? (${Object.keys(summary.failures).join(", ") || "no answer"})`,
    );
  }
  if (summary.refused > 0 || summary.unacknowledged > 0) {
    throw new CliError(
      `${summary.refused} events refused, ${summary.unacknowledged} not acknowledged`,
      EXIT.incomplete,
    );
  }
}

async function post(url: string, body: string): Promise<RelayAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: await response.text(),
  };
}
