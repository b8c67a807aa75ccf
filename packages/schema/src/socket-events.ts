import type { EdmEvent } from "./event";

// The socket.io event maps, written once so the stream server (`new Server<ClientToServerEvents,
// ServerToClientEvents>()`) and the dashboard (`io() as Socket<ServerToClientEvents, ClientToServerEvents>`)
// cannot disagree. The event name "event" is the original apps' and their dashboards listen for it.

export const SOCKET_EVENT = "event";

export interface ServerToClientEvents {
  /** One event as consumed from Kafka, pushed to every connected dashboard. */
  [SOCKET_EVENT]: (event: EdmEvent) => void;
}

/** Dashboards only listen; nothing is accepted from them, so any client emit or server listener is a type error. */
// biome-ignore lint/suspicious/noEmptyInterface: an empty map is how socket.io types "accepts no events"
export interface ClientToServerEvents {}
