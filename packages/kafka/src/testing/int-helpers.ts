import { randomUUID } from "node:crypto";
import type { KafkaAdmin } from "../admin";
import type { ConsumedRecord } from "../records";

/** A topic or group name no other test (or earlier run) uses. */
export function uniqueName(purpose: string): string {
  return `kafka-int-${purpose}-${randomUUID()}`;
}

/** Resolves when `check` returns true; polls so it works against a real broker. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = "condition",
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sum of a group's committed offsets on a topic (partitions with nothing committed count 0). */
export async function committedTotal(admin: KafkaAdmin, groupId: string, topic: string): Promise<number> {
  const offsets = await admin.fetchCommittedOffsets(groupId, topic);
  return offsets.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
}

export const values = (records: ConsumedRecord[]) =>
  records.map((record) => record.value?.toString() ?? null).sort();
