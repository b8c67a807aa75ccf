/** The apps as `npm start` (and the end-to-end tests) run them, and how they find each other. */
export interface LocalApp {
  name: string;
  /** What a person opens, printed at start-up. */
  title: string;
  role: keyof SystemUrls;
  /** Vite apps are built, then served by their production static server. */
  frontEnd: boolean;
  env(urls: SystemUrls, infra: SystemInfra): Record<string, string>;
}

export interface SystemInfra {
  /** KAFKA_URL and, where used, KAFKA_PREFIX and the TLS variables. */
  kafkaEnv: Record<string, string>;
  databaseUrl: string;
}

type CoreRole = "shop" | "relay" | "stream" | "stats" | "dashboard";

/** Where each app listens; edm-funnel only when given a port (tests that do not need it leave it out). */
export type SystemUrls = Record<CoreRole, string> & { funnel?: string };
export type SystemPorts = Record<CoreRole, number> & { funnel?: number };

export function systemUrls(ports: SystemPorts, host = "127.0.0.1"): SystemUrls {
  const url = (port: number) => `http://${host}:${port}`;
  return {
    shop: url(ports.shop),
    relay: url(ports.relay),
    stream: url(ports.stream),
    stats: url(ports.stats),
    dashboard: url(ports.dashboard),
    ...(ports.funnel === undefined ? {} : { funnel: url(ports.funnel) }),
  };
}

export const defaultPorts: SystemPorts = {
  shop: 3000,
  relay: 3001,
  stream: 3002,
  stats: 3003,
  dashboard: 3004,
  funnel: 3005,
};

/** A browser may use either name for this machine; both must pass CORS. */
const bothHostNames = (url: string) => [url, url.replace("127.0.0.1", "localhost")].join(",");

export const systemApps: LocalApp[] = [
  {
    name: "edm-relay",
    title: "relay API",
    role: "relay",
    frontEnd: false,
    env: (urls, infra) => ({ ...infra.kafkaEnv, CORS_ORIGINS: bothHostNames(urls.shop) }),
  },
  {
    name: "edm-stream",
    title: "live stream",
    role: "stream",
    frontEnd: false,
    env: (urls, infra) => ({ ...infra.kafkaEnv, CORS_ORIGINS: bothHostNames(urls.dashboard) }),
  },
  {
    name: "edm-stats",
    title: "statistics API",
    role: "stats",
    frontEnd: false,
    env: (urls, infra) => ({
      ...infra.kafkaEnv,
      DATABASE_URL: infra.databaseUrl,
      CORS_ORIGINS: bothHostNames(urls.dashboard),
      MIGRATE_ON_START: "1",
      // Whose readiness GET /api/pipeline reports on the dashboard's health panel.
      RELAY_URL: urls.relay,
      STREAM_URL: urls.stream,
    }),
  },
  {
    name: "edm-funnel",
    title: "funnel API",
    role: "funnel",
    frontEnd: false,
    env: (urls, infra) => ({
      ...infra.kafkaEnv,
      // The same database as edm-stats: its tables' names (funnel_*, pgmigrations_funnel) are its own.
      DATABASE_URL: infra.databaseUrl,
      CORS_ORIGINS: bothHostNames(urls.dashboard),
      MIGRATE_ON_START: "1",
    }),
  },
  {
    name: "edm-ui",
    title: "the shop",
    role: "shop",
    frontEnd: true,
    env: (urls) => ({ RELAY_URL: urls.relay }),
  },
  {
    name: "edm-dashboard",
    title: "the dashboard",
    role: "dashboard",
    frontEnd: true,
    env: (urls) => ({
      STATS_URL: urls.stats,
      STREAM_URL: urls.stream,
      SHOP_URL: urls.shop,
      ...(urls.funnel ? { FUNNEL_URL: urls.funnel } : {}),
    }),
  },
];
