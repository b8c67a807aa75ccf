/** How many recent events the live log keeps (the original's log grew for as long as the page was open). */
export const LOG_CAPACITY = 50;

/** The list with `entry` in front, cut to `capacity` entries: newest first, oldest dropped. */
export function prependBounded<T>(entries: readonly T[], entry: T, capacity = LOG_CAPACITY): T[] {
  if (capacity <= 0) return [];
  return [entry, ...entries.slice(0, capacity - 1)];
}
