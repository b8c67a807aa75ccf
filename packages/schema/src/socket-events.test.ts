import { describe, expectTypeOf, it } from "vitest";
import type { EdmEvent } from "./event";
import type { ClientToServerEvents, ServerToClientEvents, SOCKET_EVENT } from "./socket-events";

describe("socket.io event maps", () => {
  it('push every EdmEvent to dashboards under the original name "event"', () => {
    expectTypeOf<typeof SOCKET_EVENT>().toEqualTypeOf<"event">();
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<"event">();
    expectTypeOf<ServerToClientEvents["event"]>().parameters.toEqualTypeOf<[EdmEvent]>();
    expectTypeOf<ServerToClientEvents["event"]>().returns.toBeVoid();
  });

  it("accept nothing from dashboards", () => {
    expectTypeOf<keyof ClientToServerEvents>().toBeNever();
  });
});
