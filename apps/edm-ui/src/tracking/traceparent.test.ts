import { describe, expect, it } from "vitest";
import { newTraceparent, TRACEPARENT_FORMAT } from "./traceparent";

const traceIdOf = (traceparent: string) => TRACEPARENT_FORMAT.exec(traceparent)?.[1];

describe("newTraceparent", () => {
  it("is a sampled W3C traceparent with fresh ids each time", () => {
    const first = newTraceparent();
    const second = newTraceparent();
    expect(first).toMatch(TRACEPARENT_FORMAT);
    expect(second).toMatch(TRACEPARENT_FORMAT);
    expect(traceIdOf(first)).not.toBe(traceIdOf(second));
  });

  it("never uses an all-zero id, which W3C calls invalid", () => {
    const draws = [new Uint8Array(16), Uint8Array.from({ length: 16 }, () => 0xab), new Uint8Array(8)];
    draws.push(Uint8Array.from({ length: 8 }, () => 0x01));
    const traceparent = newTraceparent(() => draws.shift() ?? new Uint8Array(0));
    expect(traceparent).toBe(`00-${"ab".repeat(16)}-${"01".repeat(8)}-01`);
  });
});
