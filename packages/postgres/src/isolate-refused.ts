import { classifyDatabaseError } from "./database-fault";

export interface StoreOutcome {
  /** Events stored now, for the first time. */
  counted: number;
  /** Events whose key was already recorded (a redelivery or a producer retry): not stored again. */
  duplicates: number;
}

export interface IsolatedOutcome<T> extends StoreOutcome {
  /** Items PostgreSQL refused even alone, each with the database's reason. */
  refused: { item: T; reason: string }[];
}

/**
 * Stores `items`; when PostgreSQL refuses the data (a data or constraint error, see DatabaseFault), finds
 * the items responsible by halving: each half is tried again as its own transaction, and an item refused
 * on its own is the culprit. One bad record in a batch of n costs about 2·log2(n) extra transactions, and
 * everything else is stored. A transaction too slow for statement_timeout is halved the same way, so a
 * batch too big for a slow database still goes through in smaller pieces; a single item too slow is thrown.
 * Any other error is thrown as it is: the caller retries the whole batch, and the parts already committed
 * are then found by their dedupe keys and not counted again (store must be idempotent).
 *
 * `between` runs before each retry of a half (the consumer's heartbeat, so a long search keeps the
 * partition).
 */
export async function storeIsolatingRefused<T>(
  items: readonly T[],
  store: (items: readonly T[]) => Promise<StoreOutcome>,
  between: () => Promise<void> = async () => {},
): Promise<IsolatedOutcome<T>> {
  const outcome: IsolatedOutcome<T> = { counted: 0, duplicates: 0, refused: [] };
  const attempt = async (part: readonly T[]): Promise<void> => {
    try {
      const stored = await store(part);
      outcome.counted += stored.counted;
      outcome.duplicates += stored.duplicates;
    } catch (error) {
      const fault = classifyDatabaseError(error);
      const splittable = fault.kind === "refused" || (fault.kind === "too-slow" && part.length > 1);
      if (!splittable) throw error;
      const [only] = part;
      if (part.length === 1 && only !== undefined) {
        outcome.refused.push({ item: only, reason: fault.reason });
        return;
      }
      const middle = Math.ceil(part.length / 2);
      await between();
      await attempt(part.slice(0, middle));
      await attempt(part.slice(middle));
    }
  };
  if (items.length > 0) await attempt(items);
  return outcome;
}
