import { describe, expect, it } from "vitest";
import { memoryStorage } from "./key-value-storage";
import { SESSION_KEY, sessionId } from "./session";

const ID = "0b7c8c3e-7f43-4a5e-8d5e-9b8f1b2c3d4e";

describe("sessionId", () => {
  it("makes a UUID once and reuses it for the rest of the session", () => {
    const storage = memoryStorage();
    const first = sessionId(storage);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(sessionId(storage)).toBe(first);
    expect(storage.data.get(SESSION_KEY)).toBe(first);
  });

  it("replaces a stored value that is not a UUID", () => {
    const storage = memoryStorage({ [SESSION_KEY]: "not-a-uuid" });
    expect(sessionId(storage, () => ID)).toBe(ID);
  });

  it("still answers when storage throws or is missing", () => {
    const broken = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(sessionId(broken, () => ID)).toBe(ID);
    expect(sessionId(undefined, () => ID)).toBe(ID);
  });
});
