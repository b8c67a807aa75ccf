// Number and time formats shared by the panels. Times are shown in the viewer's time zone, 24-hour.

const counts = new Intl.NumberFormat("en-US");

/** "1,234", or an em dash while the number is not known yet. */
export function formatCount(value: number | undefined): string {
  return value === undefined ? "—" : counts.format(value);
}

/** "14:03:07" */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** "14:03" */
export function formatMinute(ms: number): string {
  return new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

/** A UTC day "2026-01-15" as "15 Jan". */
export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00.000Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}

/** "−30 s" on the seconds axis; "now" for the current second. */
export function formatSecondsAgo(secondsAgo: number): string {
  return secondsAgo === 0 ? "now" : `−${secondsAgo} s`;
}

/** The first block of a session id: enough to tell visitors apart in the log. */
export function shortSession(session: string): string {
  return session.split("-")[0]?.slice(0, 8) ?? "";
}
