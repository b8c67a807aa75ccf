import { describe, expect, it } from "vitest";
import { beaconPayloads, sendWithBeacon } from "./beacon";
import { clickEvent } from "./events";
import type { QueuedEvent } from "./outbox";

const events: QueuedEvent[] = Array.from({ length: 400 }, (_, index) => ({
  ...clickEvent({ sessionId: "s", buttonId: `button-${index}`, now: Date.UTC(2026, 0, 1) }),
  id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
}));

describe("beaconPayloads", () => {
  it("splits events, oldest first, into bodies within the budget, leaving the rest for later", () => {
    const payloads = beaconPayloads(events, 20_000, 5_000);
    const sent = payloads.flat();
    expect(sent).toEqual(events.slice(0, sent.length));
    expect(sent.length).toBeLessThan(events.length);
    for (const payload of payloads) expect(JSON.stringify(payload).length).toBeLessThanOrEqual(5_000);
    expect(JSON.stringify(payloads).length).toBeLessThanOrEqual(20_000);
  });
});

describe("sendWithBeacon", () => {
  it("stops when the browser's beacon queue is full and reports how many went", () => {
    let accepted = 0;
    const sendBeacon = () => {
      accepted += 1;
      return accepted <= 2;
    };
    const handed = sendWithBeacon({ sendBeacon }, "http://relay.test/api/events", events);
    const payloads = beaconPayloads(events);
    expect(handed).toBe((payloads[0]?.length ?? 0) + (payloads[1]?.length ?? 0));
  });

  it("never throws, even with no way to send", () => {
    expect(sendWithBeacon({}, "http://relay.test/api/events", events)).toBe(0);
  });
});
