import { randomUUID } from "@edm/schema";
import type { KeyValueStorage } from "./key-value-storage";

export const SESSION_KEY = "edm-ui:session-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One id per browser session (tab), kept in sessionStorage so reloads and page changes share it; the
 * original made a new one per page render, which split a visit into many "sessions".
 * Without usable storage the id lives as long as the page.
 */
export function sessionId(storage: KeyValueStorage | undefined, makeId: () => string = randomUUID): string {
  try {
    const saved = storage?.getItem(SESSION_KEY);
    if (saved && UUID.test(saved)) return saved;
  } catch {
    // Storage can throw when the browser blocks it; a page-long id is the best we can do then.
  }
  const id = makeId();
  try {
    storage?.setItem(SESSION_KEY, id);
  } catch {
    // As above.
  }
  return id;
}
