# syntax=docker/dockerfile:1
# Generated from subgraphs/registry.json by `npm run schema` (tools/src/deploy-files.ts): edit those, not this file.
# One Dockerfile, one target per deployable: `docker build --target cases .` and so on;
# docker-compose.yml builds each service from its target. The build context is the repository.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY packages/platform/package.json packages/platform/
COPY packages/policy/package.json packages/policy/
COPY packages/client/package.json packages/client/
COPY subgraphs/cases/package.json subgraphs/cases/
COPY subgraphs/facilities/package.json subgraphs/facilities/
COPY subgraphs/monitoring/package.json subgraphs/monitoring/
COPY subgraphs/training/package.json subgraphs/training/
COPY subgraphs/oversight/package.json subgraphs/oversight/
COPY gateway/package.json gateway/
COPY tools/package.json tools/
COPY tests/package.json tests/
# Containers use the compose PostgreSQL, never the embedded one: its install script is not needed.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY packages packages
COPY subgraphs subgraphs
COPY gateway gateway
COPY tools tools
COPY schema schema
COPY documents documents
COPY codegen.yml ./
RUN npx tsc -b && npm prune --omit=dev --ignore-scripts

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/packages/platform/package.json packages/platform/
COPY --from=build /app/packages/platform/dist packages/platform/dist
COPY --from=build /app/packages/policy/package.json packages/policy/
COPY --from=build /app/packages/policy/dist packages/policy/dist
USER node

FROM runtime AS cases
COPY --from=build /app/subgraphs/cases/package.json subgraphs/cases/
COPY --from=build /app/subgraphs/cases/dist subgraphs/cases/dist
ENV HOST=0.0.0.0 PORT=4001
EXPOSE 4001
CMD ["node", "subgraphs/cases/dist/main.js"]

FROM runtime AS facilities
COPY --from=build /app/subgraphs/facilities/package.json subgraphs/facilities/
COPY --from=build /app/subgraphs/facilities/dist subgraphs/facilities/dist
ENV HOST=0.0.0.0 PORT=4002
EXPOSE 4002
CMD ["node", "subgraphs/facilities/dist/main.js"]

FROM runtime AS monitoring
COPY --from=build /app/subgraphs/monitoring/package.json subgraphs/monitoring/
COPY --from=build /app/subgraphs/monitoring/dist subgraphs/monitoring/dist
ENV HOST=0.0.0.0 PORT=4003
EXPOSE 4003
CMD ["node", "subgraphs/monitoring/dist/main.js"]

FROM runtime AS training
COPY --from=build /app/subgraphs/training/package.json subgraphs/training/
COPY --from=build /app/subgraphs/training/dist subgraphs/training/dist
ENV HOST=0.0.0.0 PORT=4004
EXPOSE 4004
CMD ["node", "subgraphs/training/dist/main.js"]

FROM runtime AS oversight
COPY --from=build /app/subgraphs/oversight/package.json subgraphs/oversight/
COPY --from=build /app/subgraphs/oversight/dist subgraphs/oversight/dist
ENV HOST=0.0.0.0 PORT=4005
EXPOSE 4005
CMD ["node", "subgraphs/oversight/dist/main.js"]

# The one-shot migration job also carries every subgraph (it applies their migrations).
FROM runtime AS migrate
COPY --from=build /app/subgraphs subgraphs
COPY --from=build /app/tools/package.json tools/
COPY --from=build /app/tools/dist tools/dist
CMD ["node", "tools/dist/migrate.js"]

FROM runtime AS gateway
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/gateway/dist gateway/dist
COPY --from=build /app/schema schema
COPY --from=build /app/packages/client/src/generated/persisted-documents.json packages/client/src/generated/
COPY documents documents
ENV GATEWAY_HOST=0.0.0.0
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]
