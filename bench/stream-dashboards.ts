/**
 * edm-stream against its goals (issue 12): 500 dashboards, spread over client processes, receiving
 * 1,000 events/s, all of them, p99 ≤ 100 ms; and click-to-dashboard latency at 2,000 events/s, p99 ≤ 50 ms.
 * Clicks go through edm-relay (POSTs from autocannon at a fixed overall rate), so latency runs from the
 * POST to the dashboard. Only the per-event `event` message is counted.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { benchTopics } from "./support/bench-topics";
import { singleClickBody } from "./support/events";
import { postLoad } from "./support/http-load";
import { repoRoot } from "./support/local-services";
import { underLoad } from "./support/rounds";
import { startService } from "./support/service-process";
import { RELAY_BENCH_ENV, RELAY_SCRIPT, settings, WARM_UP_SECONDS } from "./support/settings";
import type { ClientsReport } from "./support/stream-clients";
import { printComparisons } from "./support/table";

const STREAM_SCRIPT = "apps/edm-stream/src/main.ts";
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);

interface Delivery {
  /** The rate the relay took: below the one asked for, the run says less than it should. */
  eventsPerSecond: number;
  delivered: number;
  p99Ms: number;
}

function percentile(histogram: Map<number, number>, total: number, p: number): number {
  let seen = 0;
  for (const [latency, count] of [...histogram].sort((a, b) => a[0] - b[0])) {
    seen += count;
    if (seen >= (p / 100) * total) return latency;
  }
  return Number.NaN;
}

/** Dashboards connected to the stream; `collect` ends them and merges what they saw. */
async function connectDashboards(url: string, dashboards: number) {
  const processes = Math.min(CLIENT_PROCESSES, dashboards);
  const children = Array.from({ length: processes }, (_, index) => {
    const clients = Math.floor(dashboards / processes) + (index < dashboards % processes ? 1 : 0);
    return fork(join(repoRoot, "bench/support/stream-clients.ts"), {
      cwd: repoRoot,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, STREAM_URL: url, CLIENTS: String(clients) },
    });
  });
  await Promise.all(children.map((child) => once(child, "message")));
  return {
    async collect(): Promise<ClientsReport[]> {
      return Promise.all(
        children.map(async (child) => {
          const answer = once(child, "message");
          child.send({ report: true });
          const [message] = (await answer) as [{ report: ClientsReport }];
          return message.report;
        }),
      );
    },
  };
}

async function measureDelivery(
  relayUrl: string,
  streamUrl: string,
  dashboards: number,
  eventsPerSecond: number,
): Promise<Delivery> {
  // The stream's group starts at the newest records once it first fetches: a warm-up makes sure it did,
  // before the dashboards count anything.
  const post = { url: `${relayUrl}/api/events`, body: singleClickBody, connections: 100 };
  await postLoad({ ...post, durationSeconds: WARM_UP_SECONDS, overallRate: 200 });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const clients = await connectDashboards(streamUrl, dashboards);
  const load = await underLoad(() =>
    postLoad({
      ...post,
      durationSeconds: settings.seconds,
      overallRate: eventsPerSecond,
    }),
  );
  // Stragglers: what is still on its way when the load stops counts, as long as it comes within 2 s.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const reports = await clients.collect();
  const histogram = new Map<number, number>();
  let received = 0;
  for (const report of reports) {
    received += report.received;
    for (const [latency, count] of Object.entries(report.latencyHistogram)) {
      histogram.set(Number(latency), (histogram.get(Number(latency)) ?? 0) + count);
    }
  }
  // Events of the requests the run cut short may still arrive, so this can exceed 100 % by a little.
  return {
    eventsPerSecond: load.answeredPerSecond,
    delivered: received / (load.answered * dashboards),
    p99Ms: percentile(histogram, received, 99),
  };
}

/** Fresh topics, relay and stream for one scenario, so no event of another one is still on its way. */
async function withRelayAndStream<T>(run: (relayUrl: string, streamUrl: string) => Promise<T>): Promise<T> {
  const kafka = await benchTopics();
  const relay = await startService({ script: RELAY_SCRIPT, env: { ...kafka.env, ...RELAY_BENCH_ENV } });
  const stream = await startService({
    script: STREAM_SCRIPT,
    env: kafka.env,
    readyPath: "/readyz",
    cpuProfileDir: settings.cpuProfileDir,
  });
  try {
    return await run(relay.url, stream.url);
  } finally {
    const behind = stream.output().match(/stream\.client\.behind/g)?.length ?? 0;
    if (behind > 0) console.warn(`edm-stream: dashboards fell behind and missed events ${behind} times`);
    await Promise.all([relay.stop(), stream.stop()]);
    await kafka.cleanUp();
  }
}

export async function benchStreamDashboards(): Promise<void> {
  const fanOut = await withRelayAndStream((relay, stream) => measureDelivery(relay, stream, 500, 1_000));
  printComparisons(`edm-stream: 500 dashboards (${CLIENT_PROCESSES} client processes) × 1,000 events/s`, [
    { figure: "load reached", unit: "events/s", measured: fanOut.eventsPerSecond, ceiling: 1_000, goal: 1 },
    { figure: "delivered", unit: "%", measured: fanOut.delivered * 100, ceiling: 100, goal: 1 },
    {
      figure: "p99",
      unit: "ms, goal 100",
      measured: fanOut.p99Ms,
      ceiling: 100,
      lowerIsBetter: true,
      goal: 1,
    },
  ]);
  const click = await withRelayAndStream((relay, stream) => measureDelivery(relay, stream, 1, 2_000));
  printComparisons("edm-relay → Kafka → edm-stream → dashboard at 2,000 events/s", [
    { figure: "load reached", unit: "events/s", measured: click.eventsPerSecond, ceiling: 2_000, goal: 1 },
    { figure: "delivered", unit: "%", measured: click.delivered * 100, ceiling: 100 },
    { figure: "p99", unit: "ms, goal 50", measured: click.p99Ms, ceiling: 50, lowerIsBetter: true, goal: 1 },
  ]);
}
