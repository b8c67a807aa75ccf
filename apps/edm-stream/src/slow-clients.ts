// A dashboard that cannot keep up (slow network, frozen tab, stalled TCP connection) must not cost
// the others anything, nor grow this process's memory without bound. socket.io queues whatever is
// emitted to a client in memory (engine.io's per-connection write buffer) with no cap of its own, and
// its "volatile" flag is no answer: it drops an event whenever the transport is busy, which during a
// burst also happens to healthy clients (socketio/socket.io#3388, socketio/engine.io#420).
//
// So before each frame of events is broadcast, every client's backlog is looked at: one with more than
// `maxQueued` events still waiting is left out of the frame (its events are dropped and counted), and
// one that stays behind for `stallTimeoutMs` is disconnected (its dashboard reconnects and starts
// afresh). A healthy client's backlog empties between frames, so it never loses anything; a slow
// client's memory stays below about `maxQueued` events plus one frame.

/** How many events wait in memory to be written to one client. */
export interface ClientBacklog {
  id: string;
  queued: number;
}

export interface BehindReport {
  id: string;
  /** Events this client has missed since it fell behind. */
  dropped: number;
  behindMs: number;
}

export interface Review {
  /** Clients to leave out of this frame. */
  skip: Set<string>;
  /** Clients that have just fallen behind (reported once each, not per event). */
  fellBehind: ClientBacklog[];
  /** Clients that have caught up again. */
  caughtUp: BehindReport[];
  /** Clients behind for longer than the stall timeout, to be disconnected. */
  stalled: (BehindReport & { queued: number })[];
}

export interface SlowClientTotals {
  /** Events not sent to some client because it was behind, since start. */
  droppedEvents: number;
  /** Clients behind right now. */
  clientsBehind: number;
  /** Clients disconnected for staying behind, since start. */
  stalledDisconnects: number;
}

export interface SlowClientPolicyOptions {
  maxQueued: number;
  stallTimeoutMs: number;
  now?: () => number;
}

export function createSlowClientPolicy({
  maxQueued,
  stallTimeoutMs,
  now = Date.now,
}: SlowClientPolicyOptions) {
  const behind = new Map<string, { since: number; dropped: number }>();
  let droppedEvents = 0;
  let stalledDisconnects = 0;

  /** Decides who gets the next `events` events; remembers who is behind across calls. */
  const review = (clients: Iterable<ClientBacklog>, events: number): Review => {
    const result: Review = { skip: new Set(), fellBehind: [], caughtUp: [], stalled: [] };
    const time = now();
    const present = new Set<string>();
    for (const client of clients) {
      present.add(client.id);
      const state = behind.get(client.id);
      if (client.queued <= maxQueued) {
        if (state) {
          behind.delete(client.id);
          result.caughtUp.push({ id: client.id, dropped: state.dropped, behindMs: time - state.since });
        }
        continue;
      }
      const current = state ?? { since: time, dropped: 0 };
      if (!state) {
        behind.set(client.id, current);
        result.fellBehind.push(client);
      }
      current.dropped += events;
      droppedEvents += events;
      result.skip.add(client.id);
      if (time - current.since >= stallTimeoutMs) {
        behind.delete(client.id);
        stalledDisconnects += 1;
        result.stalled.push({
          id: client.id,
          dropped: current.dropped,
          behindMs: time - current.since,
          queued: client.queued,
        });
      }
    }
    // Clients that went away while behind are no longer anyone's concern.
    for (const id of behind.keys()) if (!present.has(id)) behind.delete(id);
    return result;
  };

  const totals = (): SlowClientTotals => ({
    droppedEvents,
    clientsBehind: behind.size,
    stalledDisconnects,
  });

  return { review, totals };
}

export type SlowClientPolicy = ReturnType<typeof createSlowClientPolicy>;
