import type { StatsConnection, StreamConnection } from "../logic/dashboard-view";
import { ConnectionBadge } from "./connection-badge";

interface HeaderProps {
  stream: StreamConnection;
  stats: StatsConnection;
}

export function Header({ stream, stats }: HeaderProps) {
  return (
    <header className="page-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="#4f46e5" />
          <path d="M7 21l5-7 5 4 8-10" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
          <circle cx="25" cy="8" r="2.4" fill="#7dd8d3" />
        </svg>
        <div>
          <h1>EDM Dashboard</h1>
          <p className="tagline">What shoppers do on Fix – Fine Coffee Kits, as it happens</p>
        </div>
      </div>
      <div className="connections">
        <ConnectionBadge
          service="Live stream"
          state={stream.state}
          problem={stream.problem}
          testId="stream-status"
        />
        <ConnectionBadge
          service="History"
          state={stats.state}
          updatedAt={stats.updatedAt}
          problem={stats.problem}
          testId="stats-status"
        />
      </div>
    </header>
  );
}
