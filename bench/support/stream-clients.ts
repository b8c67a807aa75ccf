/**
 * Dashboards for the stream benchmark, in a process of their own (so the clients are not what limits
 * the measure): CLIENTS socket.io connections to STREAM_URL. Each received event's latency is its
 * arrival time minus its event_timestamp (set when its POST was made; same machine, same clock). On
 * the parent's "report" message it answers with the counts and a latency histogram (1 ms buckets).
 */
import { type EdmEvent, SOCKET_EVENT } from "@edm/schema";
import { io } from "socket.io-client";

export interface ClientsReport {
  connected: number;
  received: number;
  /** Milliseconds of latency -> events that arrived that late. */
  latencyHistogram: Record<number, number>;
}

const url = process.env.STREAM_URL ?? "";
const clients = Number(process.env.CLIENTS ?? 1);
const report: ClientsReport = { connected: 0, received: 0, latencyHistogram: {} };

const sockets = Array.from({ length: clients }, () => {
  const socket = io(url, { transports: ["websocket"], reconnection: false });
  socket.on("connect", () => {
    report.connected += 1;
    if (report.connected === clients) process.send?.({ ready: true });
  });
  socket.on(SOCKET_EVENT, (event: EdmEvent) => {
    const latency = Math.max(0, Math.round(Date.now() - event.event_timestamp));
    report.received += 1;
    report.latencyHistogram[latency] = (report.latencyHistogram[latency] ?? 0) + 1;
  });
  return socket;
});

process.on("message", (message: { report?: boolean }) => {
  if (!message.report) return;
  for (const socket of sockets) socket.close();
  process.send?.({ report }, () => process.exit(0));
});
