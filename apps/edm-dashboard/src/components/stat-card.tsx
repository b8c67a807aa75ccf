import type { ReactNode } from "react";
import { formatCount } from "../format";

interface StatCardProps {
  label: string;
  value: number | undefined;
  testId: string;
  /** Small print under the number. */
  note?: ReactNode;
  accent?: "clicks" | "pageloads" | "sessions" | "live";
}

/** One headline number. `data-value` carries it unformatted for tests and scripts. */
export function StatCard({ label, value, testId, note, accent }: StatCardProps) {
  return (
    <div className={`stat-card accent-${accent ?? "none"}`}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId} data-value={value ?? ""}>
        {formatCount(value)}
      </div>
      {note && <div className="stat-note">{note}</div>}
    </div>
  );
}
