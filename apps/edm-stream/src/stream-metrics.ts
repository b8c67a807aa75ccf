import { Counter, Gauge, type Registry } from "prom-client";
import type { BroadcastStatus } from "./broadcaster";

/** What edm-stream measures, beside the HTTP, process and consumer metrics every service has. */
export interface StreamMetrics {
  /** A dashboard was refused because this instance serves its maximum already. */
  refusedFull(): void;
  /** Reports the broadcaster's counts, read at each scrape. */
  watchBroadcasts(status: () => BroadcastStatus): void;
}

export function createStreamMetrics(registry: Registry): StreamMetrics {
  const registers = [registry];
  // The broadcaster keeps its own totals; they are read when scraped, so sending costs nothing more.
  let status: (() => BroadcastStatus) | undefined;
  const fromStatus = (name: string, help: string, read: (current: BroadcastStatus) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        if (status) this.set(read(status()));
      },
    });
  const totalFromStatus = (name: string, help: string, read: (current: BroadcastStatus) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        if (!status) return;
        this.reset();
        this.inc(read(status()));
      },
    });

  fromStatus("edm_stream_dashboards", "Dashboards connected now", (current) => current.clients);
  fromStatus(
    "edm_stream_dashboards_behind",
    "Dashboards skipped right now because too many events wait to be written to them",
    (current) => current.clientsBehind,
  );
  totalFromStatus(
    "edm_stream_events_sent_total",
    "Events handed to socket.io for every dashboard that keeps up",
    (current) => current.eventsBroadcast,
  );
  totalFromStatus(
    "edm_stream_events_skipped_total",
    "Events a dashboard did not get because it was behind (counted once per dashboard)",
    (current) => current.droppedEvents,
  );
  totalFromStatus(
    "edm_stream_dashboards_disconnected_total",
    "Dashboards disconnected for staying behind longer than STREAM_CLIENT_STALL_TIMEOUT",
    (current) => current.stalledDisconnects,
  );
  const refused = new Counter({
    name: "edm_stream_dashboards_refused_total",
    help: "Dashboards refused because this instance served STREAM_MAX_DASHBOARDS already",
    registers,
  });

  return {
    refusedFull: () => refused.inc(),
    watchBroadcasts(read) {
      status = read;
    },
  };
}
