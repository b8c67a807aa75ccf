import { formatClock } from "../format";
import type { StatsConnection, StreamConnection } from "../logic/dashboard-view";

interface ConnectionNoticeProps {
  stream: StreamConnection;
  stats: StatsConnection;
}

/**
 * A strip under the header while a service is away, saying what that means for the numbers on screen.
 * The badges already announce the change to screen readers, so this is not a live region.
 */
export function ConnectionNotice({ stream, stats }: ConnectionNoticeProps) {
  const lines: string[] = [];
  if (stream.state === "reconnecting") {
    lines.push("The live stream is unreachable: new events will show once it is back.");
  }
  if (stream.state === "full") {
    const when = stream.retryAt === undefined ? "shortly" : `at ${formatClock(stream.retryAt)}`;
    lines.push(
      `The live stream is serving as many dashboards as it can (${stream.problem ?? "it is full"}). This page tries again ${when}; until then new events are not shown live.`,
    );
  }
  if (stats.state === "reconnecting") {
    lines.push(
      stats.updatedAt === undefined
        ? "The stats service is unreachable: past events cannot be shown yet."
        : `The stats service is unreachable: totals are from ${formatClock(stats.updatedAt)}, plus live events since.`,
    );
  }
  if (lines.length === 0) return null;
  return (
    <div className="connection-notice" data-testid="connection-notice">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <div>
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <p className="notice-retry">Reconnecting automatically…</p>
      </div>
    </div>
  );
}
