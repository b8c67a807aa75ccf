import { createContext, useCallback, useContext, useEffect, useRef, useSyncExternalStore } from "react";
import { useLocation } from "react-router";
import { clickEvent, pageloadEvent } from "./events";
import type { Tracker, TrackerStatus } from "./tracker";

export interface Tracking {
  sessionId: string;
  tracker: Pick<Tracker, "record" | "status" | "subscribe">;
}

const TrackingContext = createContext<Tracking | null>(null);

export function TrackingProvider({ tracking, children }: { tracking: Tracking; children: React.ReactNode }) {
  return <TrackingContext.Provider value={tracking}>{children}</TrackingContext.Provider>;
}

function useTracking(): Tracking {
  const tracking = useContext(TrackingContext);
  if (!tracking) throw new Error("useTracking needs a <TrackingProvider> above it");
  return tracking;
}

/** Records a click: `buttonId` as the original shop named its buttons, plus what was clicked, in words. */
export function useTrackClick(): (buttonId: string, description?: string) => void {
  const { sessionId, tracker } = useTracking();
  return useCallback(
    (buttonId, description) =>
      tracker.record(clickEvent({ sessionId, buttonId, description, now: Date.now() })),
    [sessionId, tracker],
  );
}

const SITE_TITLE = "Fix – Fine Coffee Kits";

/**
 * One page load event per route load ("home page loaded"), and the document title. A route load is a
 * new history entry, so going back and forth counts every visit; a re-render does not.
 */
export function usePageView(page: string, title?: string): void {
  const { sessionId, tracker } = useTracking();
  const { key } = useLocation();
  const recorded = useRef<string | null>(null);
  useEffect(() => {
    document.title = title ? `${title} · ${SITE_TITLE}` : SITE_TITLE;
    const visit = `${key} ${page}`;
    if (recorded.current === visit) return; // React's development double effects
    recorded.current = visit;
    tracker.record(
      pageloadEvent({
        sessionId,
        page,
        url: window.location.href,
        userAgent: navigator.userAgent,
        now: Date.now(),
      }),
    );
  }, [key, page, title, sessionId, tracker]);
}

export function useTrackingStatus(): TrackerStatus {
  const { tracker } = useTracking();
  return useSyncExternalStore(tracker.subscribe, tracker.status);
}
