// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DashboardStore } from "../logic/dashboard-store";
import { DashboardPage } from "./dashboard-page";

afterEach(cleanup);

const config = {
  statsUrl: "http://stats.test",
  streamUrl: "http://stream.test",
  shopUrl: "http://shop.test",
};

function storeWithHistory() {
  const store = new DashboardStore();
  store.historyLoaded(
    {
      clicksByButton: new Map([["the-camper's-kit", 5]]),
      clickDays: [],
      pageloadsByPage: new Map([["/", 2]]),
      summary: { totals: { clicks: 5, pageloads: 2, sessions: 1 }, perMinute: [] },
    },
    Date.now(),
  );
  return store;
}

describe("DashboardPage", () => {
  it("shows the empty state while nothing has happened", () => {
    const store = new DashboardStore();
    store.historyFailed("edm-stats is unreachable at http://stats.test");
    render(<DashboardPage view={store.view()} config={config} />);
    expect(screen.getByTestId("empty-state")).toBeTruthy();
    expect(screen.getByTestId("stats-status").dataset.state).toBe("reconnecting");
  });

  it("shows per-button totals from history merged with live clicks, and the live count apart", () => {
    const store = storeWithHistory();
    store.receive({
      topic: "edm-ui-click",
      id: "0b6f3f8e-2c1d-4a5b-9c7d-1e2f3a4b5c6d",
      uuid: "s",
      event_timestamp: Date.now(),
      properties: { button_id: "the-camper's-kit", description: "Add to Cart" },
    });
    render(<DashboardPage view={store.view()} config={config} />);
    expect(screen.getByTestId("clicks-total-the-camper's-kit").dataset.value).toBe("6");
    expect(screen.getByTestId("clicks-live-the-camper's-kit").textContent).toBe("+1");
    expect(screen.getByTestId("total-clicks").dataset.value).toBe("6");
    expect(screen.getByTestId("live-clicks").textContent).toBe("1");
    const table = screen.getByRole("table", { name: "Clicks per button" });
    expect(within(table).getByRole("rowheader", { name: "the-camper's-kit" })).toBeTruthy();
    expect(within(screen.getByTestId("event-log")).getAllByTestId("event-log-entry")).toHaveLength(1);
    expect(screen.getByRole("region", { name: "Clicks per button" })).toBeTruthy();
  });

  it("says when the live stream is full and when it tries again, before any data as well as after", () => {
    const problem = "edm-stream is at its limit of 500 dashboards; try again shortly";
    const retryAt = new Date(2026, 0, 15, 14, 3, 7).getTime();
    for (const store of [new DashboardStore(), storeWithHistory()]) {
      store.streamRefused(problem, retryAt);
      render(<DashboardPage view={store.view()} config={config} />);
      const badge = screen.getByTestId("stream-status");
      expect(badge.dataset.state).toBe("full");
      expect(badge.textContent).toContain("full, retrying soon");
      expect(badge.getAttribute("title")).toBe(problem);
      const notice = screen.getByTestId("connection-notice").textContent ?? "";
      expect(notice).toContain(problem);
      expect(notice).toContain("tries again at 14:03:07");
      cleanup();
    }
  });
});
