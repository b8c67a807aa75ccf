// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionBadge } from "./connection-badge";

afterEach(cleanup);

describe("ConnectionBadge", () => {
  it("says a service is connected", () => {
    render(<ConnectionBadge service="Live stream" state="connected" testId="stream-status" />);
    const badge = screen.getByRole("status");
    expect(badge.textContent).toBe("Live streamconnected");
    expect(badge.dataset.state).toBe("connected");
  });

  it("says it is reconnecting, and why, when a service went away", () => {
    render(
      <ConnectionBadge
        service="History"
        state="reconnecting"
        problem="edm-stats is unreachable at http://localhost:3003"
        testId="stats-status"
      />,
    );
    const badge = screen.getByTestId("stats-status");
    expect(badge.textContent).toContain("reconnecting…");
    expect(badge.textContent).toContain("edm-stats is unreachable");
    expect(badge.getAttribute("title")).toBe("edm-stats is unreachable at http://localhost:3003");
  });

  it("shows when connected data was last refreshed", () => {
    const at = new Date(2026, 0, 15, 14, 3, 7).getTime();
    render(<ConnectionBadge service="History" state="connected" updatedAt={at} testId="stats-status" />);
    expect(screen.getByTestId("stats-status").textContent).toContain("updated 14:03:07");
  });
});
