import type { EdmEvent } from "./event";

// Works in Node (>= 19 has globalThis.crypto) and browsers. Browsers expose crypto.randomUUID only on
// secure origins (https, localhost); the original UI was also served over plain http, where
// getRandomValues still exists, so a version 4 UUID is built from it there.

function uuidFromRandomBytes(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random (version 4) UUID, from the platform's cryptographic random source. */
export function randomUUID(): string {
  const crypto = globalThis.crypto;
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : uuidFromRandomBytes();
}

/**
 * The event with an idempotency key: its own `id` if the client sent one (so retries stay recognisable
 * end to end), otherwise a copy carrying a fresh one from `makeId`. The input is never modified.
 */
export function withEventId<E extends EdmEvent>(
  event: E,
  makeId: () => string = randomUUID,
): E & { id: string } {
  if (typeof event.id === "string" && event.id !== "") return event as E & { id: string };
  return { ...event, id: makeId() };
}
