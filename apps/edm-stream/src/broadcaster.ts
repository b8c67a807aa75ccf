import type { Logger } from "@edm/runtime";
import { type EdmEvent, SOCKET_EVENT } from "@edm/schema";
import type { Socket } from "socket.io";
import { createSlowClientPolicy, type SlowClientTotals } from "./slow-clients";
import type { StreamServer } from "./socket-server";

export interface BroadcasterOptions {
  io: StreamServer;
  log: Logger;
  maxQueued: number;
  stallTimeoutMs: number;
}

export interface BroadcastStatus extends SlowClientTotals {
  /** Dashboards connected now. */
  clients: number;
  /** Events handed to socket.io since start. */
  eventsBroadcast: number;
  /** The longest backlog of any one client right now, in events. */
  largestBacklog: number;
}

export interface Broadcaster {
  /** Sends events to every dashboard that keeps up; returns at once, never waits for a client. */
  broadcast(events: readonly EdmEvent[]): void;
  status(): BroadcastStatus;
}

/**
 * Packets engine.io holds in memory for one connection, not yet handed to the network. engine.io
 * keeps this queue (`writeBuffer`) out of its typed API, but it is the only measure of a client's
 * backlog that works for both WebSocket and long-polling clients; if a future engine.io renames it,
 * the slow-client protection stops working, and the integration test on stalled clients fails.
 */
function queuedPackets(socket: Socket): number {
  const buffer = (socket.conn as unknown as { writeBuffer?: unknown }).writeBuffer;
  return Array.isArray(buffer) ? buffer.length : 0;
}

export function createBroadcaster({ io, log, maxQueued, stallTimeoutMs }: BroadcasterOptions): Broadcaster {
  const policy = createSlowClientPolicy({ maxQueued, stallTimeoutMs });
  const sockets = io.of("/").sockets;
  let eventsBroadcast = 0;

  const backlogs = () =>
    Array.from(sockets.values(), (socket) => ({ id: socket.id, queued: queuedPackets(socket) }));

  const broadcast = (events: readonly EdmEvent[]): void => {
    if (events.length === 0) return;
    const review = policy.review(backlogs(), events.length);

    for (const client of review.fellBehind) {
      log.warn(
        { event: "stream.client.behind", socketId: client.id, queued: client.queued, maxQueued },
        `A dashboard is not keeping up (${client.queued} events waiting); it gets no events until it catches up`,
      );
    }
    for (const client of review.caughtUp) {
      log.info(
        {
          event: "stream.client.caught_up",
          socketId: client.id,
          dropped: client.dropped,
          behindMs: client.behindMs,
        },
        `A dashboard caught up again after missing ${client.dropped} events`,
      );
    }
    for (const client of review.stalled) {
      log.warn(
        {
          event: "stream.client.stalled",
          socketId: client.id,
          queued: client.queued,
          dropped: client.dropped,
          behindMs: client.behindMs,
          stallTimeoutMs,
        },
        `Disconnecting a dashboard that stayed behind for ${Math.round(client.behindMs / 1000)} s and missed ${client.dropped} events; it may reconnect`,
      );
      // Discarding the transport frees the queued events now; a plain disconnect would wait for the
      // queue to drain, which a stalled client never does.
      sockets.get(client.id)?.conn.close(true);
    }

    // One broadcast per event: socket.io encodes it once and queues it for each client, synchronously.
    const target = review.skip.size === 0 ? io : io.except([...review.skip]);
    for (const event of events) target.emit(SOCKET_EVENT, event);
    eventsBroadcast += events.length;
  };

  const status = (): BroadcastStatus => {
    const current = backlogs();
    return {
      clients: current.length,
      eventsBroadcast,
      largestBacklog: current.reduce((largest, client) => Math.max(largest, client.queued), 0),
      ...policy.totals(),
    };
  };

  return { broadcast, status };
}
