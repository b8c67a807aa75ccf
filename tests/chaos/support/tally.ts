import type pg from "pg";
import type { Ack } from "./load";

// What edm-stats made of the events the relay acknowledged, read from its own tables: an event is
// counted when its id is in processed_events; an event counted twice shows as aggregates that exceed the
// number of keys (each key is added to the aggregates once, in the same transaction).

export interface Tally {
  acknowledged: number;
  counted: number;
  lost: number;
  duplicated: number;
  /** A few of the lost ids, to look for in the logs. */
  lostIds: string[];
  /** Per fault: see recoverySeconds; undefined when it never recovered. */
  recoverySeconds: (number | undefined)[];
}

export function acknowledgedIds(acks: readonly Ack[]): string[] {
  return [...new Set(acks.flatMap((ack) => ack.ids))];
}

/**
 * Waits until every id is counted, or counting makes no progress for `stallMs`, or `timeoutMs` passed;
 * never throws: the tally then says what is missing. Database errors count as no progress (the case may
 * have restarted the database).
 */
export async function waitForCounting(
  db: pg.Pool,
  ids: readonly string[],
  { timeoutMs = 60_000, stallMs = 20_000 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let best = -1;
  let progressAt = Date.now();
  while (Date.now() < deadline && Date.now() - progressAt < stallMs) {
    const counted = await countedAmong(db, ids).catch(() => best);
    if (counted >= ids.length) return;
    if (counted > best) {
      best = counted;
      progressAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function tallyCase(db: pg.Pool, acks: readonly Ack[], faultTimes: number[]): Promise<Tally> {
  const ids = acknowledgedIds(acks);
  const countedAt = await countedTimes(db, ids);
  const lostIds = ids.filter((id) => !countedAt.has(id));
  return {
    acknowledged: ids.length,
    counted: countedAt.size,
    lost: lostIds.length,
    duplicated: await countedTwice(db),
    lostIds: lostIds.slice(0, 5),
    recoverySeconds: faultTimes.map((faultAt) => recoverySeconds(acks, countedAt, faultAt)),
  };
}

/** Enough events to land on every partition: a partition left stuck shows as never recovering. */
const RECOVERY_PROBE_EVENTS = 200;

/**
 * Seconds from the fault until the first events acknowledged after it were all counted: the time until
 * the system counted what it was given again, on every partition, not just on some.
 */
function recoverySeconds(
  acks: readonly Ack[],
  countedAt: ReadonlyMap<string, number>,
  faultAt: number,
): number | undefined {
  const probe = acks
    .filter((ack) => ack.at >= faultAt)
    .flatMap((ack) => ack.ids)
    .slice(0, RECOVERY_PROBE_EVENTS);
  const times = probe.map((id) => countedAt.get(id));
  if (probe.length === 0 || times.some((time) => time === undefined)) return undefined;
  return (Math.max(...(times as number[])) - faultAt) / 1000;
}

async function tablesExist(db: pg.Pool): Promise<boolean> {
  const { rows } = await db.query("select to_regclass('processed_event_ids') is not null as ready");
  return rows[0]?.ready === true;
}

export async function countedAmong(db: pg.Pool, ids: readonly string[]): Promise<number> {
  if (!(await tablesExist(db))) return 0;
  const { rows } = await db.query<{ n: number }>(
    "select count(*)::int as n from processed_event_ids where event_key = any($1::uuid[])",
    [ids],
  );
  return rows[0]?.n ?? 0;
}

/** When each of `ids` was counted (the counting transaction's start), for those counted. */
async function countedTimes(db: pg.Pool, ids: readonly string[]): Promise<Map<string, number>> {
  if (!(await tablesExist(db))) return new Map();
  const { rows } = await db.query<{ event_key: string; processed_at: Date }>(
    "select event_key::text, processed_at from processed_event_ids where event_key = any($1::uuid[])",
    [ids],
  );
  return new Map(rows.map((row) => [row.event_key, row.processed_at.getTime()]));
}

/** Events added to the aggregates beyond the distinct keys recorded: counted more than once. */
async function countedTwice(db: pg.Pool): Promise<number> {
  if (!(await tablesExist(db))) return 0;
  const { rows } = await db.query<{ extra: number }>(
    `select ((select coalesce(sum(events), 0) from daily_events)
           - (select count(*) from processed_event_ids) - (select count(*) from processed_events))::int as extra`,
  );
  return rows[0]?.extra ?? 0;
}
