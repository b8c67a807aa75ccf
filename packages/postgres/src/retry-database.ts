import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@edm/runtime";
import { classifyDatabaseError, type DatabaseFault } from "./database-fault";

export interface Backoff {
  /** Wait after the first failure; each further failure doubles it… */
  firstMs: number;
  /** …up to this. */
  maxMs: number;
}

/** From half a second up to 15 s: a restart is ridden out within seconds, a long outage is not hammered. */
export const DATABASE_BACKOFF: Backoff = { firstMs: 500, maxMs: 15_000 };

/** The consumer's heartbeat is due every few seconds; waits are cut into slices this long to send it. */
const HEARTBEAT_SLICE_MS = 500;

export interface RetryContext {
  /** What is waiting, for the logs: "edm-ui-click[0]". */
  where: string;
  log: Logger;
  /** Aborted when the consumer stops: the wait ends and the batch is left uncommitted, for redelivery. */
  signal: AbortSignal;
  /**
   * Keeps the partition while waiting. It throws when a rebalance took the partition away: the wait ends
   * and the batch goes, uncommitted, to the partition's new owner.
   */
  heartbeat: () => Promise<void>;
  /** Prefix of the log events: "stats" logs `stats.database.unreachable`, `stats.database.recovered`. */
  eventPrefix: string;
  backoff?: Backoff;
  random?: () => number;
}

/**
 * Waits after `failures` consecutive failures: exponential, capped, half of it random so that instances
 * that lost the database together do not all come back in step.
 */
export function backoffDelayMs(
  failures: number,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const doublings = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** doublings);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Runs `work` until it succeeds: a database fault (the server restarting, failing over, timing out) makes
 * the batch wait and try again, never crash the consumer or lose the batch. The state is logged once when
 * it changes (failing, then answering again); each retry in between only at debug level.
 */
export async function retryWhileDatabaseFails<T>(work: () => Promise<T>, context: RetryContext): Promise<T> {
  const { where, log, signal, eventPrefix } = context;
  const backoff = context.backoff ?? DATABASE_BACKOFF;
  let failures = 0;
  let state: DatabaseFault["kind"] | undefined;
  for (;;) {
    signal.throwIfAborted();
    try {
      const result = await work();
      if (failures > 0) {
        log.info(
          { event: `${eventPrefix}.database.recovered`, where, failures },
          `PostgreSQL answers again; counting of ${where} resumed after ${failures} failed attempt(s)`,
        );
      }
      return result;
    } catch (error) {
      if (signal.aborted) throw error;
      failures += 1;
      const fault = classifyDatabaseError(error);
      const delayMs = backoffDelayMs(failures, backoff, context.random);
      log[fault.kind === state ? "debug" : "warn"](
        { event: `${eventPrefix}.database.${fault.kind}`, where, failures, retryInMs: delayMs, err: error },
        describeWait(fault, where, delayMs),
      );
      state = fault.kind;
      await waitHeartbeating(delayMs, context);
    }
  }
}

function describeWait(fault: DatabaseFault, where: string, delayMs: number): string {
  const retry = `counting of ${where} waits and retries in ${(delayMs / 1_000).toFixed(1)} s`;
  return fault.kind === "unreachable"
    ? `PostgreSQL is unreachable (${fault.reason}); ${retry}`
    : `PostgreSQL could not store a batch (${fault.reason}); ${retry}`;
}

async function waitHeartbeating(ms: number, { signal, heartbeat }: RetryContext): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await heartbeat();
    const left = until - Date.now();
    if (left <= 0) return;
    await sleep(Math.min(left, HEARTBEAT_SLICE_MS), undefined, { signal });
  }
}
