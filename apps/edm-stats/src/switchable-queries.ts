import type { StatsQueries } from "./queries";

export interface SwitchableQueries extends StatsQueries {
  /** From now on, every query goes to `queries` (those in flight finish where they started). */
  use(queries: StatsQueries): void;
}

/** The API's queries, moved in one step from one generation's tables to another's. */
export function switchableQueries(initial: StatsQueries): SwitchableQueries {
  let current = initial;
  return {
    use(queries) {
      current = queries;
    },
    clickCounts: (limit) => current.clickCounts(limit),
    clickHistory: (limit) => current.clickHistory(limit),
    pageloadCounts: (limit) => current.pageloadCounts(limit),
    summary: () => current.summary(),
  };
}
