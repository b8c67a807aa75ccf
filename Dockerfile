# syntax=docker/dockerfile:1
# One image per app of the monorepo, each its own target: `docker build --target edm-relay .`
# (docker-compose.yml builds all five). Every image runs its app as Heroku does (Procfile.template): from
# apps/<app>, `node --import tsx <entry>`, with only that app's production dependencies installed.

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
COPY packages/kafka/package.json packages/kafka/
COPY packages/runtime/package.json packages/runtime/
COPY packages/schema/package.json packages/schema/
COPY packages/testkit/package.json packages/testkit/
COPY apps/edm-ui/package.json apps/edm-ui/
COPY apps/edm-relay/package.json apps/edm-relay/
COPY apps/edm-stream/package.json apps/edm-stream/
COPY apps/edm-stats/package.json apps/edm-stats/
COPY apps/edm-dashboard/package.json apps/edm-dashboard/

# ---- edm-relay: HTTP API -> Kafka -----------------------------------------------------------------------
FROM manifests AS edm-relay
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter "edm-relay..."
COPY packages/ packages/
COPY apps/edm-relay/ apps/edm-relay/
ENV NODE_ENV=production PORT=3001
USER node
WORKDIR /repo/apps/edm-relay
EXPOSE 3001
CMD ["node", "--import", "tsx", "src/main.ts"]

# ---- edm-stream: Kafka -> socket.io -----------------------------------------------------------------------
FROM manifests AS edm-stream
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter "edm-stream..."
COPY packages/ packages/
COPY apps/edm-stream/ apps/edm-stream/
ENV NODE_ENV=production PORT=3002
USER node
WORKDIR /repo/apps/edm-stream
EXPOSE 3002
CMD ["node", "--import", "tsx", "src/main.ts"]

# ---- edm-stats: Kafka -> PostgreSQL, statistics API; `pnpm run migrate` is its release step ----------------
FROM manifests AS edm-stats
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter "edm-stats..."
COPY packages/ packages/
COPY apps/edm-stats/ apps/edm-stats/
ENV NODE_ENV=production PORT=3003
USER node
WORKDIR /repo/apps/edm-stats
EXPOSE 3003
CMD ["node", "--import", "tsx", "src/main.ts"]

# ---- edm-ui: the shop, a Vite build served by a small server ---------------------------------------------
FROM manifests AS edm-ui-build
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir=/pnpm/store --filter "edm-ui..."
COPY packages/ packages/
COPY apps/edm-ui/ apps/edm-ui/
RUN pnpm --filter edm-ui run build

FROM manifests AS edm-ui
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter "edm-ui..."
COPY packages/ packages/
COPY apps/edm-ui/ apps/edm-ui/
COPY --from=edm-ui-build /repo/apps/edm-ui/dist apps/edm-ui/dist
ENV NODE_ENV=production PORT=3000
USER node
WORKDIR /repo/apps/edm-ui
EXPOSE 3000
CMD ["node", "--import", "tsx", "server/main.ts"]

# ---- edm-dashboard: a Vite build served by a small server ------------------------------------------------
FROM manifests AS edm-dashboard-build
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir=/pnpm/store --filter "edm-dashboard..."
COPY packages/ packages/
COPY apps/edm-dashboard/ apps/edm-dashboard/
RUN pnpm --filter edm-dashboard run build

FROM manifests AS edm-dashboard
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm/store --filter "edm-dashboard..."
COPY packages/ packages/
COPY apps/edm-dashboard/ apps/edm-dashboard/
COPY --from=edm-dashboard-build /repo/apps/edm-dashboard/dist apps/edm-dashboard/dist
ENV NODE_ENV=production PORT=3004
USER node
WORKDIR /repo/apps/edm-dashboard
EXPOSE 3004
CMD ["node", "--import", "tsx", "server/main.ts"]
