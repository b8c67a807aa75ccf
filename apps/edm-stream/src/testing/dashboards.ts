import {
  type ClientToServerEvents,
  type EdmEvent,
  type ServerToClientEvents,
  SOCKET_EVENT,
  SOCKET_FRAME,
  STREAM_AUTH_FRAMES,
} from "@edm/schema";
import { io, type Socket } from "socket.io-client";
import ioV2 from "socket.io-client-v2";
import type { Receiver } from "./stream-harness";

// Real socket.io clients, as the dashboards use them: the current one (v4) and the original
// dashboard's (v2, engine.io protocol 3).

export interface TestDashboard extends Receiver {
  /** The frames received, as they came (empty for a client on single events). */
  frames: EdmEvent[][];
  /** Events received one message each (empty for a client on frames). */
  singles: EdmEvent[];
  /** The socket.io id the server knows this client by. */
  id(): string;
  disconnected: Promise<string>;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** A socket.io 4 client; on single events unless `frames` (as the dashboard asks) is set. */
export async function connectV4(
  url: string,
  options: { transports?: ("polling" | "websocket")[]; origin?: string; frames?: boolean } = {},
): Promise<TestDashboard> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
    ...(options.frames ? { auth: STREAM_AUTH_FRAMES } : {}),
    ...(options.transports ? { transports: options.transports } : {}),
    ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
  });
  const received: EdmEvent[] = [];
  const frames: EdmEvent[][] = [];
  const singles: EdmEvent[] = [];
  socket.on(SOCKET_EVENT, (event) => {
    singles.push(event);
    received.push(event);
  });
  socket.on(SOCKET_FRAME, (frame) => {
    frames.push(frame);
    received.push(...frame);
  });
  const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
  return {
    received,
    frames,
    singles,
    id: () => socket.id ?? "",
    disconnected,
    close: () => socket.close(),
  };
}

export async function connectV2(url: string): Promise<TestDashboard> {
  const socket = ioV2(url, { forceNew: true, reconnection: false });
  const received: EdmEvent[] = [];
  const frames: EdmEvent[][] = [];
  socket.on(SOCKET_FRAME, (frame) => frames.push(frame as EdmEvent[]));
  socket.on(SOCKET_EVENT, (event) => received.push(event as EdmEvent));
  const disconnected = new Promise<string>((resolve) =>
    socket.on("disconnect", (reason) => resolve(String(reason))),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the socket.io v2 client did not connect")),
      CONNECT_TIMEOUT_MS,
    );
    socket.on("connect", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.on("connect_error", (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
  return {
    received,
    frames,
    singles: received,
    id: () => socket.id,
    disconnected,
    close: () => socket.close(),
  };
}

/** What a refused socket.io 4 client reads in connect_error. */
export interface Refusal {
  message: string;
  data: unknown;
}

/** Connects a socket.io 4 client expecting to be refused; fails if it is let in. */
export async function refusedV4(
  url: string,
  options: { transports?: ("polling" | "websocket")[] } = {},
): Promise<Refusal> {
  const outcome = await connectV4(url, options).then(
    (dashboard) => {
      dashboard.close();
      return undefined;
    },
    (error: Error & { data?: unknown }) => ({ message: error.message, data: error.data }),
  );
  if (!outcome) throw new Error("the socket.io 4 client was let in; expected a refusal");
  return outcome;
}

/**
 * Connects the original dashboard's socket.io 2 client expecting to be refused: it gets the refusal
 * as an "error" event, then its connection is closed. Resolves with both.
 */
export async function refusedV2(url: string): Promise<{ error: unknown; closed: string }> {
  const socket = ioV2(url, { forceNew: true, reconnection: false });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("the socket.io v2 client was not refused")),
        CONNECT_TIMEOUT_MS,
      );
      let error: unknown;
      socket.on("connect", () => reject(new Error("the socket.io v2 client was let in; expected a refusal")));
      socket.on("error", (payload) => {
        error = payload;
      });
      socket.on("disconnect", (reason) => {
        clearTimeout(timer);
        resolve({ error, closed: String(reason) });
      });
    });
  } finally {
    socket.close();
  }
}
