/**
 * Where the other apps listen when the whole system runs on one machine (the README's run command).
 * Shared by the production server's defaults and `vite dev`.
 */
export const LOCAL_URLS = {
  shop: "http://localhost:3000",
  stream: "http://localhost:3002",
  stats: "http://localhost:3003",
  funnel: "http://localhost:3005",
} as const;

export const LOCAL_DASHBOARD_PORT = 3004;
