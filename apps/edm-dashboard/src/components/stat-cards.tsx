import { formatCount } from "../format";
import type { DashboardView } from "../logic/dashboard-view";
import { StatCard } from "./stat-card";

interface StatCardsProps {
  totals: DashboardView["totals"];
  live: DashboardView["live"];
  eventsLastMinute: number;
}

export function StatCards({ totals, live, eventsLastMinute }: StatCardsProps) {
  const waiting = totals.clicks === undefined ? "waiting for the stats service" : undefined;
  return (
    <div className="stat-cards">
      <StatCard
        label="Clicks, all time"
        value={totals.clicks}
        testId="total-clicks"
        accent="clicks"
        note={waiting}
      />
      <StatCard
        label="Page loads, all time"
        value={totals.pageloads}
        testId="total-pageloads"
        accent="pageloads"
        note={waiting}
      />
      <StatCard
        label="Sessions, all time"
        value={totals.sessions}
        testId="total-sessions"
        accent="sessions"
        note={waiting ?? "distinct visits to the shop"}
      />
      <StatCard
        label="Clicks since you opened this page"
        value={live.clicks}
        testId="live-clicks"
        accent="live"
        note={
          <>
            <span data-testid="live-pageloads" data-value={live.pageloads}>
              {formatCount(live.pageloads)}
            </span>{" "}
            {live.pageloads === 1 ? "page load" : "page loads"} · {formatCount(eventsLastMinute)}{" "}
            {eventsLastMinute === 1 ? "event" : "events"} in the last minute
          </>
        }
      />
    </div>
  );
}
