import type { Logger } from "@edm/runtime";
import { type EdmEvent, SOCKET_EVENT, SOCKET_FRAME } from "@edm/schema";
import type { Socket } from "socket.io";
import { createFrameSizes, type FrameSizes } from "./frame-backlog";
import { createSlowClientPolicy, type SlowClientTotals } from "./slow-clients";
import type { StreamServer } from "./socket-server";
import { ROOMS } from "./subscription";

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
  /** The longest backlog of any one client right now, in events (estimated for clients on frames). */
  largestBacklog: number;
}

export interface Broadcaster {
  /**
   * Sends events to every dashboard that keeps up: as one frame to those on frames, one message per event
   * to the others. Returns at once, never waits for a client, never throws.
   */
  broadcast(events: EdmEvent[]): void;
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
  const namespace = io.of("/");
  const sockets = namespace.sockets;
  // Each client's own: one that was skipped did not get the frames the others got meanwhile.
  const frameSizes = new WeakMap<Socket, FrameSizes>();
  let eventsBroadcast = 0;

  const queuedEvents = (socket: Socket) => {
    const packets = queuedPackets(socket);
    const sizes = frameSizes.get(socket);
    return sizes ? sizes.eventsInLast(packets) : packets;
  };
  const noteFrameSent = (events: number, skip: ReadonlySet<string>) => {
    for (const id of namespace.adapter.rooms.get(ROOMS.frames) ?? []) {
      const socket = sockets.get(id);
      if (!socket || skip.has(id)) continue;
      let sizes = frameSizes.get(socket);
      if (!sizes) {
        sizes = createFrameSizes();
        frameSizes.set(socket, sizes);
      }
      sizes.sent(events);
    }
  };
  const backlogs = () =>
    Array.from(sockets.values(), (socket) => ({ id: socket.id, queued: queuedEvents(socket) }));
  // socket.io encodes a broadcast before it looks for recipients: nothing is encoded for an empty room.
  const inRoom = (room: string) => (namespace.adapter.rooms.get(room)?.size ?? 0) > 0;

  const send = (events: EdmEvent[], skip: ReadonlySet<string>) => {
    const except = [...skip];
    // One broadcast per frame: socket.io encodes it once and queues the same packet for each client.
    if (inRoom(ROOMS.frames)) {
      io.to(ROOMS.frames).except(except).emit(SOCKET_FRAME, events);
      noteFrameSent(events.length, skip);
    }
    if (inRoom(ROOMS.singleEvents)) {
      const target = io.to(ROOMS.singleEvents).except(except);
      for (const event of events) target.emit(SOCKET_EVENT, event);
    }
    eventsBroadcast += events.length;
  };

  const broadcast = (events: EdmEvent[]): void => {
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

    try {
      send(events, review.skip);
    } catch (error) {
      log.error(
        { event: "stream.broadcast.failed", err: error, events: events.length },
        "Could not send a frame of events to the dashboards; they miss these events",
      );
    }
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
