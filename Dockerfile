# syntax=docker/dockerfile:1.7
#
# One image for every CX Genie app. Pick the app with the APP env var
# (APP=core-ai), or by passing its name or a full command:
#   docker run cxgenie email
#   docker run cxgenie node dist/tools/migrate.js up
#
# Debian (glibc) rather than Alpine: chdb ships glibc-only prebuilt libraries.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---- deps: full install (dev deps included) for the build --------------------
FROM base AS deps
# Toolchain only for native addons that have no prebuilt binary for this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# ---- build: compile every app, then drop dev dependencies --------------------
FROM deps AS build
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true
COPY . .
RUN npm run build \
 && test -d dist/apps \
 && npm prune --omit=dev

# ---- runtime -----------------------------------------------------------------
FROM base AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/app/.data \
    APP=gateway-api

COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The flags file the flags service serves without a LaunchDarkly key (FLAGS_FILE).
COPY --from=build --chown=root:root /app/config ./config
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/cxgenie-entrypoint
COPY --chmod=0644 deploy/docker/healthcheck.js /usr/local/lib/cxgenie/healthcheck.js

# Code stays root-owned and read-only for the app; only .data (embedded
# LanceDB / chdb) and /tmp are writable by the unprivileged `node` user.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node

# gateway-api 3000, core-ai 3001, email 3002, integration 3003, flags 3004,
# loader 3005 (+ Prometheus 8000), ticket 3006
EXPOSE 3000 3001 3002 3003 3004 3005 3006 8000

ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/cxgenie-entrypoint"]
CMD []
