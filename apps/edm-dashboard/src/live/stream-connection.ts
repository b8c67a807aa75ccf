import type { ClientToServerEvents, ServerToClientEvents } from "@edm/schema";
import { SOCKET_EVENT, SOCKET_FRAME, STREAM_AUTH_FRAMES } from "@edm/schema";
import { io, type Socket } from "socket.io-client";
import type { ConnectionState } from "../logic/dashboard-view";
import { readRefusal, refusalWaitMs } from "./stream-refusal";

export interface StreamHandlers {
  onEvent(payload: unknown): void;
  onState(state: ConnectionState): void;
  /** edm-stream is full and said so; the next try is at `retryAt` (ms since 1970). */
  onRefused(problem: string, retryAt: number): void;
  /** Connected again after losing the connection: events sent meanwhile were missed. */
  onReconnected(): void;
}

/** Connects to edm-stream and keeps reconnecting for as long as the page is open. Returns a disconnect. */
export function connectStream(streamUrl: string, handlers: StreamHandlers): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(streamUrl, {
    // Frames: one message per few tens of milliseconds rather than one per event (see @edm/schema).
    auth: STREAM_AUTH_FRAMES,
    // The default grows to 5 s between tries; capped lower so a restarted stream is back within seconds.
    reconnectionDelayMax: 3000,
  });
  let wasConnected = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connectLater = (ms: number) => {
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), ms);
  };

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
  socket.on("connect_error", (error) => {
    const refusal = readRefusal(error);
    if (refusal) {
      // Full: socket.io does not retry a refusal by itself, and retrying at once would only add load.
      const wait = refusalWaitMs(refusal);
      handlers.onRefused(refusal.message, Date.now() + wait);
      connectLater(wait);
      return;
    }
    handlers.onState("reconnecting");
    // Not `active` means socket.io gave up (the server refused the handshake); try again later anyway.
    if (!socket.active) connectLater(3000);
  });
  // Typed by the shared map, but it crossed the network: the store reads each event defensively.
  socket.on(SOCKET_FRAME, (frame) => {
    if (!Array.isArray(frame)) return;
    for (const event of frame) handlers.onEvent(event);
  });
  // An edm-stream from before frames ignores the request and sends one message per event.
  socket.on(SOCKET_EVENT, (event) => handlers.onEvent(event));

  return () => {
    clearTimeout(retry);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
