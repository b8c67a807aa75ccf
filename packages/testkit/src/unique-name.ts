import { randomUUID } from "node:crypto";

/** A topic, group or schema name that no other test, and no earlier run, uses. */
export function uniqueName(purpose: string): string {
  return `test_${purpose}_${randomUUID().slice(0, 8)}`.replace(/[^a-zA-Z0-9_]/g, "_").toLowerCase();
}
