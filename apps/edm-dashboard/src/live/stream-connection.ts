import type { ClientToServerEvents, ServerToClientEvents } from "@edm/schema";
import { SOCKET_EVENT } from "@edm/schema";
import { io, type Socket } from "socket.io-client";
import type { ConnectionState } from "../logic/dashboard-view";

export interface StreamHandlers {
  onEvent(payload: unknown): void;
  onState(state: ConnectionState): void;
  /** Connected again after losing the connection: events sent meanwhile were missed. */
  onReconnected(): void;
}

/** Connects to edm-stream and keeps reconnecting for as long as the page is open. Returns a disconnect. */
export function connectStream(streamUrl: string, handlers: StreamHandlers): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(streamUrl, {
    // The default grows to 5 s between tries; capped lower so a restarted stream is back within seconds.
    reconnectionDelayMax: 3000,
  });
  let wasConnected = false;

  socket.on("connect", () => {
    handlers.onState("connected");
    if (wasConnected) handlers.onReconnected();
    wasConnected = true;
  });
  socket.on("disconnect", (reason) => {
    handlers.onState("reconnecting");
    // The one disconnect socket.io does not retry by itself: the server closed this socket on purpose
    // (e.g. during a deploy). The dashboard still wants the stream back.
    if (reason === "io server disconnect") socket.connect();
  });
  socket.on("connect_error", () => {
    handlers.onState("reconnecting");
    // Not `active` means socket.io gave up (the server refused the handshake); try again later anyway.
    if (!socket.active) setTimeout(() => socket.connect(), 3000);
  });
  // Typed as EdmEvent by the shared map, but it crossed the network: the store reads it defensively.
  socket.on(SOCKET_EVENT, (event) => handlers.onEvent(event));

  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
