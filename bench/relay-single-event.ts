/**
 * edm-relay's single-event POST /api/events (answered 202 once all in-sync replicas acknowledged it)
 * against an Express 5 route that only parses the JSON body: same load generator, same concurrency.
 */
import { benchTopics } from "./support/bench-topics";
import { singleClickBody } from "./support/events";
import { type HttpFigures, postLoad } from "./support/http-load";
import { inTurns } from "./support/rounds";
import { NOOP_EXPRESS_SCRIPT, startService } from "./support/service-process";
import { RELAY_BENCH_ENV, RELAY_SCRIPT, settings, WARM_UP_SECONDS } from "./support/settings";
import { printComparisons } from "./support/table";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const load = (url: string, durationSeconds: number): Promise<HttpFigures> =>
  postLoad({ url: `${url}/api/events`, body: singleClickBody, connections, durationSeconds });

export async function benchRelaySingleEvent(): Promise<void> {
  const kafka = await benchTopics();
  const noop = await startService({ script: NOOP_EXPRESS_SCRIPT, env: {} });
  const relay = await startService({
    script: RELAY_SCRIPT,
    env: { ...kafka.env, ...RELAY_BENCH_ENV },
    cpuProfileDir: settings.cpuProfileDir,
  });
  try {
    await load(noop.url, WARM_UP_SECONDS);
    await load(relay.url, WARM_UP_SECONDS);
    const { ceiling, measured } = await inTurns(
      () => load(noop.url, settings.seconds),
      () => load(relay.url, settings.seconds),
      (figures) => figures.answeredPerSecond,
    );
    if (measured.failures > 0) console.warn(`edm-relay: ${measured.failures} requests failed`);
    printComparisons(
      `edm-relay single-event POST vs a no-op Express 5 route: ${connections} connections, median of ${settings.rounds} × ${settings.seconds} s`,
      [
        {
          figure: "answered",
          unit: "req/s",
          measured: measured.answeredPerSecond,
          ceiling: ceiling.answeredPerSecond,
          goal: 0.9,
        },
        { figure: "p50", unit: "ms", measured: measured.p50Ms, ceiling: ceiling.p50Ms, lowerIsBetter: true },
        { figure: "p99", unit: "ms", measured: measured.p99Ms, ceiling: ceiling.p99Ms, lowerIsBetter: true },
      ],
    );
  } finally {
    await Promise.all([noop.stop(), relay.stop()]);
    await kafka.cleanUp();
  }
}
