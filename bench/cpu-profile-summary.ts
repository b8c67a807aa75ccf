/**
 * Where a `node --cpu-prof` profile spent its time: the share idle (waiting on I/O), in the garbage
 * collector, and the functions with the most self time, grouped by package. When the benchmarks noted
 * their load windows beside the profile (load-windows.jsonl), only samples inside them count.
 *
 *   pnpm exec tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top=15]
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { LOAD_WINDOWS_FILE } from "./support/rounds";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "kafkajs", "express", "edm-relay/src/batcher.ts", or the node: internal module. */
function place(url: string): string {
  const inPackage = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage?.[1]) return inPackage[1];
  const inRepo = /\/(apps|packages)\/(.+)$/.exec(url);
  if (inRepo?.[2]) return inRepo[2];
  return url.replace(/^file:\/\//, "") || "(native)";
}

const [file, topArgument] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
const windows = await readFile(join(dirname(file), LOAD_WINDOWS_FILE), "utf8").then(
  (text) =>
    text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { fromMicros: number; toMicros: number }),
  () => [],
);
const counted = (at: number) =>
  windows.length === 0 || windows.some((window) => at >= window.fromMicros && at <= window.toMicros);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<ProfileNode, number>();
let totalMicros = 0;
let at = profile.startTime;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  const delta = profile.timeDeltas[index] ?? 0;
  at += delta;
  if (!counted(at)) return;
  totalMicros += delta;
  if (node) selfMicros.set(node, (selfMicros.get(node) ?? 0) + delta);
});

const share = (micros: number) => `${((100 * micros) / totalMicros).toFixed(1)} %`;
const sumWhere = (test: (node: ProfileNode) => boolean) =>
  [...selfMicros].filter(([node]) => test(node)).reduce((sum, [, micros]) => sum + micros, 0);
const special = (name: string) => sumWhere((node) => node.callFrame.functionName === name);

console.log(`${file}: ${(totalMicros / 1e6).toFixed(1)} s sampled${windows.length > 0 ? " under load" : ""}`);
console.table({
  idle: share(special("(idle)")),
  "garbage collector": share(special("(garbage collector)")),
  "program (native, outside JS)": share(special("(program)")),
});

const byPlace = new Map<string, number>();
for (const [node, micros] of selfMicros) {
  if (node.callFrame.functionName.startsWith("(")) continue;
  const key = place(node.callFrame.url);
  byPlace.set(key, (byPlace.get(key) ?? 0) + micros);
}
const top = Number(topArgument ?? 15);
console.table(
  [...byPlace]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, micros]) => ({ where, "self time": share(micros) })),
);
console.table(
  [...selfMicros]
    .filter(([node]) => !node.callFrame.functionName.startsWith("("))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([node, micros]) => ({
      function: node.callFrame.functionName || "(anonymous)",
      where: `${place(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`,
      "self time": share(micros),
    })),
);
