/**
 * pnpm bench [name...]: every benchmark (or the named ones), each figure beside its ceiling measured in
 * the same run, against the project's own broker and PostgreSQL (or KAFKA_URL / DATABASE_URL).
 *
 *   BENCH_SECONDS=10            length of each measured run
 *   BENCH_CONNECTIONS=50        concurrent connections of the single-event run
 *   BENCH_ROUNDS=3              runs of each figure and its ceiling, in turns (medians shown)
 *   BENCH_STATS_EVENTS=200000   backlog edm-stats drains
 *   BENCH_CPU_PROFILE_DIR=dir   the services under test write `node --cpu-prof` profiles there
 */
import { benchRelayBatched } from "./relay-batched";
import { benchRelaySingleEvent } from "./relay-single-event";
import { benchStatsDrain } from "./stats-drain";
import { benchStreamDashboards } from "./stream-dashboards";

const benchmarks: Record<string, () => Promise<void>> = {
  "relay-single-event": benchRelaySingleEvent,
  "relay-batched": benchRelayBatched,
  "stats-drain": benchStatsDrain,
  "stream-dashboards": benchStreamDashboards,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${Object.keys(benchmarks).join(", ")}`);
  process.exit(2);
}
for (const name of chosen.length > 0 ? chosen : Object.keys(benchmarks)) await benchmarks[name]?.();
process.exit(0);
