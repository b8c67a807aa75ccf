import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { settings } from "./settings";

export interface Paired<T> {
  ceiling: T;
  measured: T;
}

/**
 * Measures the ceiling and the figure in turns, `settings.rounds` times, and keeps the median round of
 * each: the load of a shared machine drifts, and taking turns spreads the drift over both alike.
 */
export async function inTurns<T>(
  measureCeiling: () => Promise<T>,
  measureFigure: () => Promise<T>,
  rankOf: (result: T) => number,
): Promise<Paired<T>> {
  const ceilings: T[] = [];
  const figures: T[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    ceilings.push(await measureCeiling());
    figures.push(await underLoad(measureFigure));
  }
  const median = (results: T[]) =>
    [...results].sort((a, b) => rankOf(a) - rankOf(b))[Math.floor(results.length / 2)] as T;
  return { ceiling: median(ceilings), measured: median(figures) };
}

/** The clock of V8's CPU profiles (CLOCK_MONOTONIC), in microseconds. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1_000n);

/**
 * Runs `measure`, noting beside the CPU profiles when the service under test was under load, so that
 * cpu-profile-summary.ts counts those periods only (not start-up, nor the ceiling's turns).
 */
export async function underLoad<T>(measure: () => Promise<T>): Promise<T> {
  const from = monotonicMicros();
  const result = await measure();
  await noteLoadWindow(from, monotonicMicros());
  return result;
}

async function noteLoadWindow(fromMicros: number, toMicros: number): Promise<void> {
  if (!settings.cpuProfileDir) return;
  await appendFile(
    join(settings.cpuProfileDir, LOAD_WINDOWS_FILE),
    `${JSON.stringify({ fromMicros, toMicros })}\n`,
  );
}

export const LOAD_WINDOWS_FILE = "load-windows.jsonl";
