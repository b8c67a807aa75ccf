/** The two kinds of event the shop sends, named as the dashboard shows them. */
export type EventKind = "click" | "pageload";

export interface KindCounts {
  clicks: number;
  pageloads: number;
}

export function emptyCounts(): KindCounts {
  return { clicks: 0, pageloads: 0 };
}

export function addKind(counts: KindCounts, kind: EventKind, amount = 1): void {
  if (kind === "click") counts.clicks += amount;
  else counts.pageloads += amount;
}
