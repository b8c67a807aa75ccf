// Label values must come from a small, fixed set, or every distinct URL a client invents becomes a new
// time series (and Prometheus memory). So a request is labelled by the route pattern the app declared
// ("/api/clickCount", "/users/:id"), never by the path it asked for.

/** The label of requests that no route answered (404s, and answers given by middleware such as a rate limiter). */
export const UNMATCHED_ROUTE = "(unmatched)";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const MAX_ROUTE_LENGTH = 100;

export interface RoutedRequest {
  method: string;
  /** What the client asked for, without the query; used only to pick among a route's literal paths. */
  path: string;
  baseUrl?: string;
  /** Set by express on the request once a route matched. */
  route?: { path?: unknown } | undefined;
}

/** The matched route pattern, a bounded string. A route declared with several literal paths gets the one that matched. */
export function routeLabel(req: RoutedRequest): string {
  const pattern = req.route?.path;
  if (pattern === undefined) return UNMATCHED_ROUTE;
  const base = req.baseUrl ?? "";
  if (typeof pattern === "string") return bounded(base + pattern);
  if (Array.isArray(pattern)) {
    const literal = pattern.find((entry) => entry === req.path);
    return bounded(literal ? base + literal : base + pattern.map(String).join("|"));
  }
  return bounded(base + String(pattern));
}

/** The HTTP method, or "other" for anything a client made up. */
export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : "other";
}

function bounded(route: string): string {
  return route.length > MAX_ROUTE_LENGTH ? route.slice(0, MAX_ROUTE_LENGTH) : route;
}
