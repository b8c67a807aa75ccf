import { describe, expectTypeOf, it } from "vitest";
import type { EdmEvent } from "./event";
import type { ClientToServerEvents, ServerToClientEvents, SOCKET_EVENT, SOCKET_FRAME } from "./socket-events";

describe("socket.io event maps", () => {
  it('push every EdmEvent to dashboards under the original name "event"', () => {
    expectTypeOf<typeof SOCKET_EVENT>().toEqualTypeOf<"event">();
    expectTypeOf<ServerToClientEvents["event"]>().parameters.toEqualTypeOf<[EdmEvent]>();
    expectTypeOf<ServerToClientEvents["event"]>().returns.toBeVoid();
  });

  it('push frames of events to dashboards that ask for them, under "events"', () => {
    expectTypeOf<typeof SOCKET_FRAME>().toEqualTypeOf<"events">();
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<"event" | "events">();
    expectTypeOf<ServerToClientEvents["events"]>().parameters.toEqualTypeOf<[EdmEvent[]]>();
    expectTypeOf<ServerToClientEvents["events"]>().returns.toBeVoid();
  });

  it("accept nothing from dashboards", () => {
    expectTypeOf<keyof ClientToServerEvents>().toBeNever();
  });
});
