import { afterEach, describe, expect, it, vi } from "vitest";
import { randomUUID, withEventId } from "./event-id";
import { ORIGINAL_CLICK_EXAMPLE } from "./examples";
import { parseEvent } from "./parse";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("withEventId", () => {
  it("assigns an id when the event has none, leaving the input untouched", () => {
    const event = { ...ORIGINAL_CLICK_EXAMPLE };
    const stamped = withEventId(event, () => "0d9a6f52-3c1e-4b8a-9f47-2e5d7c1b8a60");
    expect(stamped).toEqual({ ...ORIGINAL_CLICK_EXAMPLE, id: "0d9a6f52-3c1e-4b8a-9f47-2e5d7c1b8a60" });
    expect(event).not.toHaveProperty("id");
  });

  it("keeps the client's id, so its retries stay recognisable, and does not call makeId", () => {
    const makeId = vi.fn(() => "unused");
    const event = { ...ORIGINAL_CLICK_EXAMPLE, id: "0d9a6f52-3c1e-4b8a-9f47-2e5d7c1b8a60" };
    expect(withEventId(event, makeId)).toBe(event);
    expect(makeId).not.toHaveBeenCalled();
  });

  it("by default assigns a random v4 UUID that parseEvent accepts", () => {
    const a = withEventId(ORIGINAL_CLICK_EXAMPLE);
    const b = withEventId(ORIGINAL_CLICK_EXAMPLE);
    expect(a.id).toMatch(V4);
    expect(a.id).not.toBe(b.id);
    expect(parseEvent(a).ok).toBe(true);
  });
});

describe("randomUUID", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("uses crypto.randomUUID when the platform has it", () => {
    expect(randomUUID()).toMatch(V4);
  });

  it("builds a v4 UUID from getRandomValues where randomUUID is missing (browsers on plain http)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) });
    const ids = Array.from({ length: 200 }, () => randomUUID());
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
