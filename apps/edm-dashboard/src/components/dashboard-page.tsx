import { formatCount } from "../format";
import type { FunnelState } from "../live/use-funnel";
import type { PipelineState } from "../live/use-pipeline-health";
import { LOG_CAPACITY } from "../logic/bounded-log";
import type { DashboardView } from "../logic/dashboard-view";
import type { RuntimeConfig } from "../runtime-config";
import { ClicksPerButtonChart } from "./clicks-per-button-chart";
import { ClicksPerButtonTable } from "./clicks-per-button-table";
import { ClicksPerDayChart } from "./clicks-per-day-chart";
import { ConnectionNotice } from "./connection-notice";
import { EmptyState } from "./empty-state";
import { EventLog } from "./event-log";
import { EventsPerSecondChart } from "./events-per-second-chart";
import { FunnelPanel } from "./funnel-panel";
import { Header } from "./header";
import { LastHourChart } from "./last-hour-chart";
import { LoadingState } from "./loading-state";
import { PageLoadsTable } from "./page-loads-table";
import { Panel, UnlessEmpty } from "./panel";
import { PipelinePanel } from "./pipeline-panel";
import { StatCards } from "./stat-cards";

interface DashboardPageProps {
  view: DashboardView;
  config: RuntimeConfig;
  /** GET /api/pipeline's latest answer; the health panel shows under everything else, whatever the data. */
  pipeline?: PipelineState;
  /** GET /api/funnel's latest answer (edm-funnel); no panel when the dashboard has no FUNNEL_URL. */
  funnel?: FunnelState | undefined;
}

/** The whole page for one view of the data; no connections of its own, so it renders in tests as is. */
export function DashboardPage({ view, config, pipeline, funnel }: DashboardPageProps) {
  return (
    <div className="page">
      <Header stream={view.stream} stats={view.stats} />
      <main>
        {(view.phase === "data" || view.stream.state === "full") && (
          <ConnectionNotice stream={view.stream} stats={view.stats} />
        )}
        {view.phase === "loading" && <LoadingState statsUrl={config.statsUrl} />}
        {view.phase === "empty" && (
          <EmptyState
            shopUrl={config.shopUrl}
            statsProblem={view.stats.state === "connected" ? undefined : view.stats.problem}
          />
        )}
        {view.phase === "data" && <DashboardGrid view={view} />}
        {funnel && <FunnelPanel state={funnel} />}
        {pipeline && <PipelinePanel state={pipeline} />}
      </main>
    </div>
  );
}

function DashboardGrid({ view }: { view: DashboardView }) {
  const lastMinute = view.perSecond.reduce((sum, point) => sum + point.clicks + point.pageloads, 0);
  const peak = view.perSecond.reduce((max, point) => Math.max(max, point.clicks + point.pageloads), 0);
  const clicksToday = view.days.at(-1)?.clicks ?? 0;
  return (
    <>
      <StatCards totals={view.totals} live={view.live} eventsLastMinute={lastMinute} />
      <div className="grid">
        <Panel
          title="Events per second"
          subtitle="Live from the stream, one bar per second, last 60 seconds"
          aside={<KeyFigure value={peak} label="peak / s" />}
          className="span-8"
          testId="panel-events-per-second"
        >
          <EventsPerSecondChart points={view.perSecond} />
        </Panel>
        <Panel
          title="Recent events"
          subtitle={`The last ${LOG_CAPACITY} events, newest first`}
          className="span-4 row-span-2 log-panel"
          testId="panel-event-log"
        >
          <EventLog entries={view.log} />
        </Panel>
        <Panel
          title="Clicks per button"
          subtitle="All time, live clicks included as they happen"
          className="span-8"
          testId="panel-clicks-per-button"
        >
          <UnlessEmpty empty={view.buttons.length === 0} message="No button has been clicked yet.">
            <div className="split">
              <ClicksPerButtonChart rows={view.buttons} />
              <ClicksPerButtonTable rows={view.buttons} />
            </div>
          </UnlessEmpty>
        </Panel>
        <Panel
          title="Clicks per day"
          subtitle="Last 30 days (UTC)"
          aside={<KeyFigure value={clicksToday} label="today" />}
          className="span-4"
          testId="panel-clicks-per-day"
        >
          <ClicksPerDayChart days={view.days} />
        </Panel>
        <Panel
          title="Last hour"
          subtitle="Events per minute, from the stats service"
          className="span-4"
          testId="panel-last-hour"
        >
          <LastHourChart minutes={view.lastHour} />
        </Panel>
        <Panel
          title="Page loads"
          subtitle="All time, per page"
          className="span-4 page-loads-panel"
          testId="panel-page-loads"
        >
          <UnlessEmpty empty={view.pages.length === 0} message="No page has been loaded yet.">
            <PageLoadsTable rows={view.pages} />
          </UnlessEmpty>
        </Panel>
      </div>
    </>
  );
}

function KeyFigure({ value, label }: { value: number; label: string }) {
  return (
    <span className="key-figure">
      <strong>{formatCount(value)}</strong> {label}
    </span>
  );
}
