import { formatClock, shortSession } from "../format";
import type { LogEntry } from "../logic/dashboard-view";

/** The most recent events, newest first (the store keeps a bounded number). */
export function EventLog({ entries }: { entries: LogEntry[] }) {
  if (entries.length === 0) {
    return <p className="panel-empty">Events appear here the moment the shop sends them.</p>;
  }
  return (
    <ol className="event-log" data-testid="event-log" aria-label="Recent events, newest first">
      {entries.map((entry) => (
        <li key={entry.key} className="event-log-entry" data-testid="event-log-entry" data-kind={entry.kind}>
          <span className={`kind-chip kind-${entry.kind}`}>{entry.kind === "click" ? "Click" : "Page"}</span>
          <span className="event-subject">
            <span className="event-key" title={entry.subject}>
              {entry.subject}
            </span>
            <span className="event-detail">
              {entry.description || "no description"}
              {entry.session && ` · visitor ${shortSession(entry.session)}`}
            </span>
          </span>
          <time className="event-time" dateTime={new Date(entry.receivedAt).toISOString()}>
            {formatClock(entry.receivedAt)}
          </time>
        </li>
      ))}
    </ol>
  );
}
