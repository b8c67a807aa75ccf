import type { StreamAuth } from "@edm/schema";

// Which form of the stream a dashboard gets, from what it said in its handshake: frames (many events per
// message) when it asks for them, one message per event otherwise (the original socket.io 2 dashboard
// cannot ask). Each connected dashboard is in exactly one of these socket.io rooms.

export const ROOMS = { frames: "frames", singleEvents: "single-events" } as const;

export type StreamForm = keyof typeof ROOMS;

export function formAsked(auth: unknown): StreamForm {
  return (auth as StreamAuth | undefined)?.frames === true ? "frames" : "singleEvents";
}
