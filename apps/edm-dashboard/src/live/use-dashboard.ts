import { useEffect, useState } from "react";
import { DashboardStore } from "../logic/dashboard-store";
import type { DashboardView } from "../logic/dashboard-view";
import type { RuntimeConfig } from "../runtime-config";
import { startStatsPoller } from "./stats-poller";
import { connectStream } from "./stream-connection";

/** Longest an arriving event waits to be drawn: events coalesce into one render, however many arrive. */
const RENDER_DELAY_MS = 100;
/** The per-second chart slides and times age even when nothing arrives. */
const TICK_MS = 1000;

/** Connects to stats and the stream for as long as the component is mounted, and returns what to draw. */
export function useDashboard(config: RuntimeConfig): DashboardView {
  const [store] = useState(() => new DashboardStore());
  const [view, setView] = useState(() => store.view());

  useEffect(() => {
    const poller = startStatsPoller({ statsUrl: config.statsUrl, sink: store });
    const disconnect = connectStream(config.streamUrl, {
      onEvent: (payload) => store.receive(payload),
      onState: (state) => store.streamStateChanged(state),
      onRefused: (problem, retryAt) => store.streamRefused(problem, retryAt),
      onReconnected: () => poller.refreshNow(),
    });
    return () => {
      disconnect();
      poller.stop();
    };
  }, [store, config.statsUrl, config.streamUrl]);

  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const render = () => {
      pending = undefined;
      setView(store.view());
    };
    const unsubscribe = store.subscribe(() => {
      pending ??= setTimeout(render, RENDER_DELAY_MS);
    });
    const ticker = setInterval(render, TICK_MS);
    return () => {
      unsubscribe();
      clearTimeout(pending);
      clearInterval(ticker);
    };
  }, [store]);

  return view;
}
