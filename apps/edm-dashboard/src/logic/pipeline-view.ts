import type { PipelineGroup } from "@edm/schema";

/** What an operator needs to know about a consumer group at a glance. */
export type GroupCondition = "caught-up" | "behind" | "stopped" | "rebalancing";

/** A group with no member consumes nothing (its service is stopped), whatever its lag says. */
export function groupCondition(group: PipelineGroup): GroupCondition {
  if (group.members === 0) return "stopped";
  if (group.state !== "Stable") return "rebalancing";
  return group.lag > 0 ? "behind" : "caught-up";
}

export const CONDITION_WORDS: Record<GroupCondition, string> = {
  "caught-up": "caught up",
  behind: "behind",
  stopped: "stopped: no member",
  rebalancing: "rebalancing",
};

/** "12.5 / s", "0 / s", or "—" while there is no rate yet. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null) return "—";
  const rounded = perSecond >= 10 ? Math.round(perSecond) : Math.round(perSecond * 10) / 10;
  return `${rounded} / s`;
}
