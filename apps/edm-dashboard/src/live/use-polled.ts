import { useEffect, useState } from "react";

export interface Polled<T> {
  value?: T;
  /** Why the last refresh failed (the service unreachable, say); the last good value stays shown. */
  problem?: string;
}

/**
 * Calls `fetchOnce(source)` now and then every `refreshMs` after each answer, for as long as the component is
 * mounted and `source` stays the same; nothing at all while `source` is undefined. `fetchOnce` must not change
 * between renders (a module-level function): only `source` and `refreshMs` restart the polling.
 */
export function usePolled<T>(
  source: string | undefined,
  fetchOnce: (source: string, signal: AbortSignal) => Promise<T>,
  refreshMs: number,
): Polled<T> {
  const [state, setState] = useState<Polled<T>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchOnce is module-level by contract (above).
  useEffect(() => {
    if (!source) return;
    const aborter = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      try {
        const value = await fetchOnce(source, aborter.signal);
        if (!aborter.signal.aborted) setState({ value });
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        if (!aborter.signal.aborted) setState((previous) => ({ ...previous, problem }));
      }
      if (!aborter.signal.aborted) timer = setTimeout(() => void refresh(), refreshMs);
    };
    void refresh();
    return () => {
      aborter.abort();
      clearTimeout(timer);
    };
  }, [source, refreshMs]);
  return state;
}
