import type { DayClicks } from "./days";
import type { EventKind } from "./event-kind";
import type { MinutePoint } from "./minutes";
import type { SecondPoint } from "./seconds";

/**
 * A service connection as the page shows it; "reconnecting" also covers "never reached yet, retrying";
 * "full": the service answered but serves as many dashboards as it can, and the page waits to try again.
 */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "full";

export interface StreamConnection {
  state: ConnectionState;
  /** Why it is not connected, in the service's words. */
  problem?: string;
  /** When the page tries again after being refused (ms since 1970). */
  retryAt?: number;
}

export interface StatsConnection {
  state: ConnectionState;
  /** When the history on screen was fetched (ms since 1970). */
  updatedAt?: number;
  /** Why the last refresh failed, in words. */
  problem?: string;
}

export interface ButtonRow {
  buttonId: string;
  /** History plus live clicks stats has not counted yet; undefined until stats has answered once. */
  total: number | undefined;
  /** Clicks received live since this page opened. */
  live: number;
}

export interface PageRow {
  page: string;
  /** History plus live page loads stats has not counted yet; undefined until stats has answered once. */
  loads: number | undefined;
  live: number;
}

export interface LogEntry {
  /** Unique in the log: the event id, or a local one for an event without. */
  key: string;
  kind: EventKind;
  /** The button id or page path. */
  subject: string;
  description: string;
  session: string;
  receivedAt: number;
}

/**
 * What the page shows: "loading" before stats first answers, "empty" when there is nothing to show yet
 * (say what to do), "data" otherwise.
 */
export type Phase = "loading" | "empty" | "data";

export interface DashboardView {
  phase: Phase;
  stream: StreamConnection;
  stats: StatsConnection;
  /** All-time totals (history plus live events not yet counted); undefined until stats answers. */
  totals: { clicks: number | undefined; pageloads: number | undefined; sessions: number | undefined };
  /** Events received live since this page opened. */
  live: { clicks: number; pageloads: number };
  buttons: ButtonRow[];
  pages: PageRow[];
  days: DayClicks[];
  perSecond: SecondPoint[];
  lastHour: MinutePoint[];
  log: LogEntry[];
}
