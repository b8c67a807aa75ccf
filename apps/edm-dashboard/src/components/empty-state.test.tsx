// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { EmptyState } from "./empty-state";

afterEach(cleanup);

describe("EmptyState", () => {
  it("tells the viewer to open the shop, with a link when its URL is known", () => {
    render(<EmptyState shopUrl="http://localhost:3000" />);
    expect(screen.getByRole("heading", { name: "No clicks yet" })).toBeTruthy();
    expect(screen.getByText(/Open the shop and click around/)).toBeTruthy();
    const link = screen.getByRole("link", { name: /Open the shop/ });
    expect(link.getAttribute("href")).toBe("http://localhost:3000");
    expect(screen.queryByText(/Past events cannot be shown/)).toBeNull();
  });

  it("names the shop app when its URL is not configured", () => {
    render(<EmptyState />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByText(/edm-ui app/)).toBeTruthy();
  });

  it("says history is missing because stats does not answer, not because nothing happened", () => {
    render(<EmptyState statsProblem="edm-stats is unreachable at http://localhost:3003" />);
    expect(screen.getByText(/Past events cannot be shown yet: edm-stats is unreachable/)).toBeTruthy();
  });
});
