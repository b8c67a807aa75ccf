import { describe, expect, it } from "vitest";
import { methodLabel, routeLabel, UNMATCHED_ROUTE } from "./route-label";

describe("routeLabel", () => {
  it("is the declared pattern, never the path asked for", () => {
    expect(routeLabel({ method: "GET", path: "/users/42", route: { path: "/users/:id" } })).toBe(
      "/users/:id",
    );
    expect(
      routeLabel({ method: "GET", path: "/v1/users/42", baseUrl: "/v1", route: { path: "/users/:id" } }),
    ).toBe("/v1/users/:id");
  });

  it("labels every request no route answered alike, so invented URLs add no series", () => {
    const paths = ["/nope", "/wp-admin.php", `/${"x".repeat(5000)}`];
    const labels = new Set(paths.map((path) => routeLabel({ method: "GET", path })));
    expect([...labels]).toEqual([UNMATCHED_ROUTE]);
  });

  it("picks the literal path that matched from a route declared with several", () => {
    const route = { path: ["/api/events", "/produceClickMessage"] };
    expect(routeLabel({ method: "PUT", path: "/produceClickMessage", route })).toBe("/produceClickMessage");
    expect(routeLabel({ method: "PUT", path: "/other", route })).toBe("/api/events|/produceClickMessage");
  });

  it("caps a long pattern", () => {
    expect(routeLabel({ method: "GET", path: "/", route: { path: `/${"a".repeat(300)}` } })).toHaveLength(
      100,
    );
  });
});

describe("methodLabel", () => {
  it("keeps standard methods and folds invented ones into one value", () => {
    expect(methodLabel("GET")).toBe("GET");
    expect(methodLabel("PATCH")).toBe("PATCH");
    expect(methodLabel("BREW")).toBe("other");
    expect(methodLabel("PROPFIND")).toBe("other");
  });
});
