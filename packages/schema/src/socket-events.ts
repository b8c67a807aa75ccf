import type { EdmEvent } from "./event";

// The socket.io event maps, written once so the stream server (`new Server<ClientToServerEvents,
// ServerToClientEvents>()`) and the dashboard (`io() as Socket<ServerToClientEvents, ClientToServerEvents>`)
// cannot disagree. The event name "event" is the original apps' and their dashboards listen for it.
//
// One message per event costs a socket.io frame per event per dashboard, which hundreds of dashboards at
// a thousand events a second cannot take. A dashboard that says so in its handshake (STREAM_AUTH_FRAMES)
// gets frames instead: every event since the last one (at most a few tens of milliseconds), in one message
// encoded once for all such dashboards. Dashboards that do not ask, such as the original socket.io 2
// one, keep getting one "event" message per event.

export const SOCKET_EVENT = "event";
export const SOCKET_FRAME = "events";

/** What a dashboard may say in its socket.io handshake (`io(url, { auth })`). */
export interface StreamAuth {
  /** Send me frames (SOCKET_FRAME) rather than one message per event. */
  frames?: boolean;
}

export const STREAM_AUTH_FRAMES: StreamAuth = { frames: true };

export interface ServerToClientEvents {
  /** One event as consumed from Kafka, pushed to every dashboard that did not ask for frames. */
  [SOCKET_EVENT]: (event: EdmEvent) => void;
  /**
   * The events consumed since the previous frame, pushed to every dashboard that asked for frames. In
   * Kafka's order within each partition (so each session's events keep their order), each event once.
   */
  [SOCKET_FRAME]: (events: EdmEvent[]) => void;
}

/** Dashboards only listen; nothing is accepted from them, so any client emit or server listener is a type error. */
// biome-ignore lint/suspicious/noEmptyInterface: an empty map is how socket.io types "accepts no events"
export interface ClientToServerEvents {}
