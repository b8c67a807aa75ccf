/** The five apps as `npm start` runs them on this machine, and how they find each other. */
export interface LocalApp {
  name: string;
  port: number;
  /** What a person opens, printed at start-up. */
  title: string;
  env(urls: LocalUrls, infra: LocalInfra): Record<string, string>;
}

export interface LocalInfra {
  kafkaUrl: string;
  databaseUrl: string;
}

export type LocalUrls = Record<"shop" | "relay" | "stream" | "stats" | "dashboard", string>;

const host = "127.0.0.1";
const url = (port: number) => `http://${host}:${port}`;

export const localUrls: LocalUrls = {
  shop: url(3000),
  relay: url(3001),
  stream: url(3002),
  stats: url(3003),
  dashboard: url(3004),
};

const portOf = (target: string) => Number(new URL(target).port);

export const localApps: LocalApp[] = [
  {
    name: "edm-relay",
    port: portOf(localUrls.relay),
    title: "relay API",
    env: (urls, infra) => ({ KAFKA_URL: infra.kafkaUrl, CORS_ORIGINS: urls.shop }),
  },
  {
    name: "edm-stream",
    port: portOf(localUrls.stream),
    title: "live event stream",
    env: (urls, infra) => ({ KAFKA_URL: infra.kafkaUrl, CORS_ORIGINS: urls.dashboard }),
  },
  {
    name: "edm-stats",
    port: portOf(localUrls.stats),
    title: "statistics API",
    env: (urls, infra) => ({
      KAFKA_URL: infra.kafkaUrl,
      DATABASE_URL: infra.databaseUrl,
      CORS_ORIGINS: urls.dashboard,
    }),
  },
  {
    name: "edm-ui",
    port: portOf(localUrls.shop),
    title: "the shop",
    env: (urls) => ({ RELAY_URL: urls.relay }),
  },
  {
    name: "edm-dashboard",
    port: portOf(localUrls.dashboard),
    title: "the dashboard",
    env: (urls) => ({ STATS_URL: urls.stats, STREAM_URL: urls.stream }),
  },
];
