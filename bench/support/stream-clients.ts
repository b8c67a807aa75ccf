/**
 * A crowd of socket.io dashboards in a process of its own, for the stream benchmark (so that the clients
 * do not share the stream's event loop). The parent sends { url, clients, frames, runId }; this process
 * connects them all, answers "ready", and when asked for a "report" answers with what they received:
 * events of the run per client, and each event's delay (arrival minus event_timestamp) in a 1 ms histogram.
 */
import { type EdmEvent, SOCKET_EVENT, SOCKET_FRAME, STREAM_AUTH_FRAMES } from "@edm/schema";
import { io, type Socket } from "socket.io-client";

export interface CrowdOrder {
  url: string;
  clients: number;
  frames: boolean;
  /** Only events whose session starts with this count (warm-ups and strays do not). */
  runId: string;
}

export interface CrowdReport {
  /** Events of the run received, per client. */
  received: number[];
  /** delays[ms] = events that arrived that many ms after their event_timestamp (the last bucket: later). */
  delays: number[];
}

export const MAX_DELAY_MS = 30_000;

const sockets: Socket[] = [];
const delays = new Uint32Array(MAX_DELAY_MS + 1);

function connectCrowd({ url, clients, frames, runId }: CrowdOrder): Promise<number[]> {
  const received = new Array<number>(clients).fill(0);
  const count = (client: number, event: EdmEvent) => {
    if (!event.uuid.startsWith(runId)) return;
    received[client] = (received[client] ?? 0) + 1;
    const delay = Date.now() - event.event_timestamp;
    const bucket = Math.max(0, Math.min(MAX_DELAY_MS, delay));
    delays[bucket] = (delays[bucket] ?? 0) + 1;
  };
  const connecting = Array.from({ length: clients }, (_, client) => {
    const socket = io(url, {
      forceNew: true,
      transports: ["websocket"],
      reconnection: false,
      ...(frames ? { auth: STREAM_AUTH_FRAMES } : {}),
    });
    sockets.push(socket);
    socket.on(SOCKET_EVENT, (event: EdmEvent) => count(client, event));
    socket.on(SOCKET_FRAME, (frame: EdmEvent[]) => {
      for (const event of frame) count(client, event);
    });
    return new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
  });
  return Promise.all(connecting).then(() => received);
}

let received: number[] = [];
process.on("message", async (message: { order?: CrowdOrder; report?: true }) => {
  if (message.order) {
    received = await connectCrowd(message.order);
    process.send?.("ready");
  }
  if (message.report) {
    const report: CrowdReport = { received, delays: Array.from(delays) };
    process.send?.(report);
    for (const socket of sockets) socket.close();
  }
});
