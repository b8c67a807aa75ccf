# syntax=docker/dockerfile:1
# One image per app of the monorepo, each its own target: `docker build --target edm-relay .`
# (docker-compose.yml builds all five). The apps are built once, in the shared `build` stage, by their own
# "build" scripts (as Heroku's buildpack does); every image then runs its app's build as Heroku does
# (Procfile.template): from apps/<app>, `node --enable-source-maps <entry>`, with only that app's production
# dependencies installed and no TypeScript source.

# Node's major version of .nvmrc; tests/deploy checks they agree.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
# CI=true: pnpm never prompts and installs from the lockfile as written.
ENV CI=true
# The version of package.json's "packageManager"; tests/deploy checks they agree.
RUN npm install --global pnpm@10.34.9
WORKDIR /repo

# The workspace's manifests alone, so installs are redone only when a manifest or the lockfile changes.
FROM base AS manifests
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json ./
COPY patches/ patches/
COPY packages/build/package.json packages/build/
COPY packages/cli/package.json packages/cli/
COPY packages/kafka/package.json packages/kafka/
COPY packages/postgres/package.json packages/postgres/
COPY packages/runtime/package.json packages/runtime/
COPY packages/schema/package.json packages/schema/
COPY packages/testkit/package.json packages/testkit/
COPY packages/tracing/package.json packages/tracing/
COPY apps/edm-ui/package.json apps/edm-ui/
COPY apps/edm-relay/package.json apps/edm-relay/
COPY apps/edm-stream/package.json apps/edm-stream/
COPY apps/edm-stats/package.json apps/edm-stats/
COPY apps/edm-dashboard/package.json apps/edm-dashboard/
COPY apps/edm-funnel/package.json apps/edm-funnel/

# ---- build: every app's production build, made once for all the targets below ---------------------------
# The apps and the workspace packages they use, with their dev dependencies (esbuild, vite), but not the
# root's test tooling.
FROM manifests AS build
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir=/pnpm/store --filter "{./apps/*}..."
COPY packages/ packages/
COPY apps/ apps/
RUN pnpm --filter "./apps/*" run build

# ---- edm-relay: HTTP API -> Kafka --------------------------------------------------------------------
FROM manifests AS edm-relay
# Its own dependencies alone: the build holds the workspace packages it uses.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter edm-relay
COPY --from=build /repo/apps/edm-relay/dist apps/edm-relay/dist
ENV NODE_ENV=production PORT=3001
USER node
WORKDIR /repo/apps/edm-relay
EXPOSE 3001
CMD ["node", "--enable-source-maps", "dist/main.js"]

# ---- edm-stream: Kafka -> socket.io ------------------------------------------------------------------
FROM manifests AS edm-stream
# Its own dependencies alone: the build holds the workspace packages it uses.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter edm-stream
COPY --from=build /repo/apps/edm-stream/dist apps/edm-stream/dist
ENV NODE_ENV=production PORT=3002
USER node
WORKDIR /repo/apps/edm-stream
EXPOSE 3002
CMD ["node", "--enable-source-maps", "dist/main.js"]

# ---- edm-stats: Kafka -> PostgreSQL, statistics API; `pnpm run migrate` is its release step ----------
FROM manifests AS edm-stats
# Its own dependencies alone: the build holds the workspace packages it uses.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter edm-stats
COPY --from=build /repo/apps/edm-stats/dist apps/edm-stats/dist
# The SQL files the migrations read at run time.
COPY apps/edm-stats/migrations/ apps/edm-stats/migrations/
COPY apps/edm-stats/control-migrations/ apps/edm-stats/control-migrations/
ENV NODE_ENV=production PORT=3003
USER node
WORKDIR /repo/apps/edm-stats
EXPOSE 3003
CMD ["node", "--enable-source-maps", "dist/main.js"]

# ---- edm-ui: the shop: its Vite build served by its built server -------------------------------------
FROM manifests AS edm-ui
# Its own dependencies alone: the build holds the workspace packages it uses.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter edm-ui
COPY --from=build /repo/apps/edm-ui/dist apps/edm-ui/dist
COPY --from=build /repo/apps/edm-ui/dist-server apps/edm-ui/dist-server
ENV NODE_ENV=production PORT=3000
USER node
WORKDIR /repo/apps/edm-ui
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist-server/main.js"]

# ---- edm-dashboard: its Vite build served by its built server ----------------------------------------
FROM manifests AS edm-dashboard
# Its own dependencies alone: the build holds the workspace packages it uses.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter edm-dashboard
COPY --from=build /repo/apps/edm-dashboard/dist apps/edm-dashboard/dist
COPY --from=build /repo/apps/edm-dashboard/dist-server apps/edm-dashboard/dist-server
ENV NODE_ENV=production PORT=3004
USER node
WORKDIR /repo/apps/edm-dashboard
EXPOSE 3004
CMD ["node", "--enable-source-maps", "dist-server/main.js"]

# ---- edm-funnel: a Kafka consumer (pnpm edm new-consumer) -----------------------------------------------
FROM manifests AS edm-funnel
# Its own dependencies alone: the build holds the workspace packages it uses.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter edm-funnel
COPY --from=build /repo/apps/edm-funnel/dist apps/edm-funnel/dist
# The SQL files the migrations read at run time (MIGRATE_ON_START).
COPY apps/edm-funnel/migrations/ apps/edm-funnel/migrations/
ENV NODE_ENV=production PORT=3005
USER node
WORKDIR /repo/apps/edm-funnel
EXPOSE 3005
CMD ["node", "--enable-source-maps", "dist/main.js"]
