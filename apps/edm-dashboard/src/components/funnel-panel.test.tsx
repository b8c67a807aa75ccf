// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { FunnelPanel } from "./funnel-panel";

afterEach(cleanup);

const funnel = {
  hours: 24,
  since: "2026-01-01T00:00:00.000Z",
  total: {
    sessions: { visited: 40, viewedProduct: 20, addedToCart: 5, checkedOut: 5 },
    conversion: { viewedProduct: 0.5, addedToCart: 0.25, checkedOut: 1 },
  },
  byHour: [],
};

describe("FunnelPanel", () => {
  it("shows each step's sessions and the conversion from the step before", () => {
    render(<FunnelPanel state={{ funnel }} />);
    const step = (name: string) => within(screen.getByTestId(`funnel-step-${name}`));
    expect(step("visited").getByTestId("funnel-count").textContent).toBe("40");
    expect(step("visited").queryByTestId("funnel-conversion")).toBeNull();
    expect(step("viewedProduct").getByTestId("funnel-count").textContent).toBe("20");
    expect(step("viewedProduct").getByTestId("funnel-conversion").textContent).toBe("50% of the step before");
    expect(step("addedToCart").getByTestId("funnel-conversion").textContent).toBe("25% of the step before");
    expect(step("checkedOut").getByTestId("funnel-conversion").textContent).toBe("100% of the step before");
  });

  it("keeps the last figures and says why they may be old when a refresh fails", () => {
    render(<FunnelPanel state={{ funnel, problem: "edm-funnel is unreachable at http://funnel.test" }} />);
    expect(screen.getByRole("status").textContent).toContain("may be out of date");
    expect(screen.getByTestId("funnel-step-visited")).toBeTruthy();
  });
});
