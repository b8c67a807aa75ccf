import type { ConsumerNames } from "./consumer-names";

// The text the generator adds to the files that cannot read consumers.json (docker compose, the Dockerfile,
// the root README). Pure, so the tests check each against the file it goes into.

export interface ConsumerEntry {
  app: string;
  role: string;
  port: number;
  groupVariable: string;
  group: string;
  database: boolean;
}

export function consumerEntry(names: ConsumerNames, port: number): ConsumerEntry {
  return {
    app: names.name,
    role: names.role,
    port,
    groupVariable: names.groupVariable,
    group: names.name,
    database: false,
  };
}

/** consumers.json with the new entry; refuses a name or port already taken. */
export function addToConsumers(json: string, entry: ConsumerEntry): string {
  const consumers = JSON.parse(json) as ConsumerEntry[];
  if (consumers.some((consumer) => consumer.app === entry.app || consumer.role === entry.role)) {
    throw new Error(`consumers.json lists ${entry.app} already`);
  }
  return `${JSON.stringify([...consumers, entry], null, 2)}\n`;
}

/** The next free local port after the five apps (3000–3004) and the consumers listed. */
export function nextPort(json: string): number {
  const ports = (JSON.parse(json) as ConsumerEntry[]).map((consumer) => consumer.port);
  return Math.max(3004, ...ports) + 1;
}

/** docker-compose.yml with the consumer's service, before the top-level `volumes:`. */
export function addComposeService(compose: string, entry: ConsumerEntry): string {
  const service = `  ${entry.app}:
    build:
      context: .
      target: ${entry.app}
    environment:
      PORT: ${entry.port}
      KAFKA_URL: kafka://kafka:19092
      CORS_ORIGINS: http://localhost:3004,http://127.0.0.1:3004
      ${entry.groupVariable}: ${entry.group}
    ports:
      - "127.0.0.1:${entry.port}:${entry.port}"
    depends_on:
      kafka-topics:
        condition: service_completed_successfully
    healthcheck: *app-healthcheck
    restart: unless-stopped

`;
  return insertBefore(compose, /^volumes:/m, service, "docker-compose.yml has no top-level volumes:");
}

/** The Dockerfile with the app's manifest copied before installing, and a target of its own at the end. */
export function addDockerTarget(dockerfile: string, entry: ConsumerEntry): string {
  const manifests = [...dockerfile.matchAll(/^COPY apps\/[^/\s]+\/package\.json apps\/[^/\s]+\/\n/gm)];
  const last = manifests.at(-1);
  if (!last || last.index === undefined) throw new Error("the Dockerfile copies no app manifest");
  const at = last.index + last[0].length;
  const withManifest = `${dockerfile.slice(0, at)}COPY apps/${entry.app}/package.json apps/${entry.app}/\n${dockerfile.slice(at)}`;
  const title = `# ---- ${entry.app}: a Kafka consumer (pnpm edm new-consumer) `;
  return `${withManifest.trimEnd()}

${title.padEnd(107, "-")}
FROM manifests AS ${entry.app}
# Its own dependencies alone: the build holds the workspace packages it uses.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \\
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter ${entry.app}
COPY --from=build /repo/apps/${entry.app}/dist apps/${entry.app}/dist
ENV NODE_ENV=production PORT=${entry.port}
USER node
WORKDIR /repo/apps/${entry.app}
EXPOSE ${entry.port}
CMD ["node", "--enable-source-maps", "dist/main.js"]
`;
}

/** The root README's Layout table with a row for the app, after the last apps/ row. */
export function addReadmeRow(readme: string, entry: ConsumerEntry): string {
  const rows = [...readme.matchAll(/^\| `apps\/[^`]+` .*\n/gm)];
  const last = rows.at(-1);
  if (!last || last.index === undefined) throw new Error("README.md has no Layout row for apps/");
  const at = last.index + last[0].length;
  const row = `| \`apps/${entry.app}\` | a consumer in group \`${entry.group}\`: see [its README](apps/${entry.app}/README.md) |\n`;
  return readme.slice(0, at) + row + readme.slice(at);
}

function insertBefore(text: string, marker: RegExp, insert: string, missing: string): string {
  const match = marker.exec(text);
  if (!match) throw new Error(missing);
  return text.slice(0, match.index) + insert + text.slice(match.index);
}
