import { formatClock } from "../format";
import type { ConnectionState } from "../logic/dashboard-view";

const STATE_WORDS: Record<ConnectionState, string> = {
  connecting: "connecting…",
  connected: "connected",
  reconnecting: "reconnecting…",
  full: "full, retrying soon",
};

interface ConnectionBadgeProps {
  /** What is connected to, e.g. "Live stream". */
  service: string;
  state: ConnectionState;
  testId: string;
  /** Shown after "connected", e.g. when the data was last refreshed. */
  updatedAt?: number | undefined;
  /** Why it is not connected, in words (shown as a tooltip and to screen readers). */
  problem?: string | undefined;
}

/** A coloured pill saying whether a service answers; a live region, so a lost connection is announced. */
export function ConnectionBadge({ service, state, testId, updatedAt, problem }: ConnectionBadgeProps) {
  const detail =
    state === "connected" && updatedAt !== undefined ? ` · updated ${formatClock(updatedAt)}` : "";
  const reason = state !== "connected" && problem ? problem : undefined;
  return (
    <div
      role="status"
      className={`badge badge-${state}`}
      data-testid={testId}
      data-state={state}
      title={reason}
    >
      <span className="badge-dot" aria-hidden="true" />
      <span className="badge-service">{service}</span>
      <span className="badge-state">
        {STATE_WORDS[state]}
        {detail}
      </span>
      {reason && <span className="visually-hidden">: {reason}</span>}
    </div>
  );
}
