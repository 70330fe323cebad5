import fs from "node:fs";
import path from "node:path";
import type { RegisteredSubgraph } from "@kgraph/platform";

/**
 * The deployment files that list every subgraph, written from subgraphs/registry.json by
 * `npm run schema` and committed (`npm run check` fails when they drift): docker-compose.yml, the
 * Dockerfile and the root tsconfig.json's project references. Edit the templates here, never the
 * generated files. Ports: each subgraph's from the registry; metrics on port + 1000.
 */
export interface DeployFile {
  file: string;
  content: string;
}

const GENERATED =
  "Generated from subgraphs/registry.json by `npm run schema` (tools/src/deploy-files.ts): edit those, not this file.";

export async function deployFiles(root: string, subgraphs: RegisteredSubgraph[]): Promise<DeployFile[]> {
  const files = [
    { file: path.join(root, "docker-compose.yml"), content: composeFile(subgraphs) },
    { file: path.join(root, "Dockerfile"), content: dockerfile(subgraphs) },
    { file: path.join(root, "tsconfig.json"), content: tsconfig(subgraphs) },
  ];
  // Loaded here, not at the top: prettier loads parts of itself with dynamic import(), which Jest's
  // module sandbox refuses, and the schema tests import schema.ts, which imports this module.
  const prettier = await import("prettier");
  // Formatted as `npm run format` would (a Dockerfile prettier leaves alone), so the format check
  // and the drift check agree.
  return Promise.all(
    files.map(async ({ file, content }) => {
      if (!(await prettier.getFileInfo(file)).inferredParser) return { file, content };
      return {
        file,
        content: await prettier.format(content, { ...(await prettier.resolveConfig(file)), filepath: file }),
      };
    }),
  );
}

/** Writes the files whose content changed; returns those. */
export async function writeDeployFiles(root: string, subgraphs: RegisteredSubgraph[]): Promise<string[]> {
  const changed: string[] = [];
  for (const { file, content } of await deployFiles(root, subgraphs)) {
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === content) continue;
    fs.writeFileSync(file, content);
    changed.push(file);
  }
  return changed;
}

const upper = (name: string) => name.toUpperCase();

/** Names joined with ", " into comment lines of at most `width` characters after `prefix`. */
function wrapped(prefix: string, items: string[], width = 96): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line ? `${line}, ${item}` : item;
    if (line && prefix.length + next.length + 1 > width) {
      lines.push(`${line},`);
      line = item;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.map((l) => `${prefix}${l}`).join("\n");
}

function composeFile(subgraphs: RegisteredSubgraph[]): string {
  const names = subgraphs.map((s) => s.name);
  const passwordLines = wrapped(
    "#   ",
    names.map((n) => `${upper(n)}_DB_PASSWORD`),
  );
  const readyz = (port: number) => `      test:
        [
          "CMD",
          "node",
          "-e",
          "fetch('http://127.0.0.1:'+process.argv[1]+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",
          "${port}",
        ]`;
  const services = subgraphs
    .map(
      ({ name, port }, i) => `  ${name}:
    <<: *subgraph
    build: { context: ., target: ${name} }
    environment:
      <<: *subgraph-env
      DATABASE_URL: postgres://kgraph_${name}:\${${upper(name)}_DB_PASSWORD}@postgres:5432/kgraph
${
  i === 0
    ? `    healthcheck: &readyz
${readyz(port)}
      interval: 10s
      timeout: 3s
      retries: 6`
    : `    healthcheck:
      <<: *readyz
${readyz(port)}`
}
`,
    )
    .join("\n");
  return `# ${GENERATED}
#
# The platform beyond one machine: PostgreSQL, Keycloak (the OIDC provider), Redis (rate limits
# shared by gateway replicas), a one-shot migration job, the subgraphs and the gateway. Only
# the gateway (4000) is published on every interface; Keycloak (8080) only on this host's
# loopback, for the TLS reverse proxy in front of it (see the keycloak service); the subgraphs,
# Redis and the database sit on an internal network with no route out.
#
# Secrets come from the environment or an .env file kept out of git:
#   POSTGRES_PASSWORD                    database superuser (migrations only)
${passwordLines}
#                                        each subgraph's own login role (kgraph_<name>)
#   SUBJECT_REF_KEY                      key of the subjectRef pseudonyms (32+ random bytes)
#   GATEWAY_HMAC_SECRET                  the gateway signs its subgraph requests with it; subgraphs
#                                        answer only requests signed with it (403 otherwise) and
#                                        take the gateway's request id only from signed requests
#   GATEWAY_SIGNING_JWK, GATEWAY_PUBLIC_JWK   from \`npm run gateway-key\`
#   KEYCLOAK_ADMIN_PASSWORD              Keycloak's admin console
#   KEYCLOAK_DB_PASSWORD                 Keycloak's own database login (keycloak)
#   PUBLIC_KEYCLOAK_URL                  Keycloak's public https URL (the token issuer), served by
#                                        your reverse proxy
# The realm in deploy/keycloak/kgraph-realm.json defines the eight roles, the \`roles\` claim,
# the \`kgraph\` audience and the facility_id / org_id / official_id claims; create users in the
# admin console and give them a role (and the attribute their role needs).
x-auth-env: &auth-env
  AUTH_JWKS_URL: http://keycloak:8080/realms/kgraph/protocol/openid-connect/certs
  AUTH_ISSUER: \${PUBLIC_KEYCLOAK_URL:?set PUBLIC_KEYCLOAK_URL (https://…, the reverse proxy)}/realms/kgraph
  AUTH_AUDIENCE: kgraph
  GATEWAY_PUBLIC_JWK: \${GATEWAY_PUBLIC_JWK:?run npm run gateway-key}

x-subgraph: &subgraph
  restart: unless-stopped
  networks: [internal]
  depends_on:
    migrate:
      condition: service_completed_successfully
    keycloak:
      condition: service_healthy

x-subgraph-env: &subgraph-env
  <<: *auth-env
  SUBJECT_REF_KEY: \${SUBJECT_REF_KEY:?set SUBJECT_REF_KEY (32+ random bytes)}
  GATEWAY_HMAC_SECRET: \${GATEWAY_HMAC_SECRET:?set GATEWAY_HMAC_SECRET (32+ random bytes)}
  LOG_LEVEL: \${LOG_LEVEL:-info}
  NODE_ENV: production
  # Production's defaults, spelled out: the gateway is the only caller, no introspection.
  REQUIRE_GATEWAY_SIGNATURE: "true"
  SUBGRAPH_INTROSPECTION: "false"
  # /metrics on every interface of the container (port: the GraphQL port + 1000), reachable on
  # the internal network only: no \`ports:\` entry publishes it.
  METRICS_HOST: 0.0.0.0
  # The graph's public endpoint: the oversight subgraph reads the public quarter figures through
  # it (as the public does, trusted documents only) for its impact assessments.
  GRAPH_URL: http://gateway:4000/graphql
  # Traces (off unless set): an OTLP/HTTP collector on the internal network, the same for the
  # gateway below. Each service names itself (${names[0]}, …, gateway) unless OTEL_SERVICE_NAME is set.
  # OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4318
  # OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf

services:
  postgres:
    image: postgres:17-bookworm
    restart: unless-stopped
    networks: [internal]
    environment:
      POSTGRES_USER: kgraph
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
      POSTGRES_DB: kgraph
      KEYCLOAK_DB_PASSWORD: \${KEYCLOAK_DB_PASSWORD:?set KEYCLOAK_DB_PASSWORD}
    volumes:
      - pgdata:/var/lib/postgresql/data
      # Keycloak's own login and database, created on the first start of an empty data directory.
      - ./deploy/postgres/10-keycloak.sh:/docker-entrypoint-initdb.d/10-keycloak.sh:ro
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U kgraph -d kgraph"]
      interval: 5s
      timeout: 3s
      retries: 20

  # Production mode (\`start\`): Keycloak refuses to start without a hostname, and serves plain
  # HTTP only because a TLS reverse proxy on this host terminates TLS in front of it. That proxy
  # should pass on only /realms/ and /resources/ (Keycloak's reverse-proxy guide); the admin
  # console (/admin/) is on the same HTTP port, which is published on 127.0.0.1 only. An
  # administrator reaches it through an SSH tunnel to this host:
  #   ssh -L 8080:127.0.0.1:8080 <host>   then open http://127.0.0.1:8080/admin/
  keycloak:
    image: quay.io/keycloak/keycloak:26.4
    command: ["start", "--import-realm"]
    restart: unless-stopped
    networks: [internal, public]
    ports:
      - "127.0.0.1:8080:8080"
    depends_on:
      postgres:
        condition: service_healthy
    environment:
      KC_BOOTSTRAP_ADMIN_USERNAME: admin
      KC_BOOTSTRAP_ADMIN_PASSWORD: \${KEYCLOAK_ADMIN_PASSWORD:?set KEYCLOAK_ADMIN_PASSWORD}
      KC_DB: postgres
      KC_DB_URL: jdbc:postgresql://postgres:5432/keycloak
      KC_DB_USERNAME: keycloak
      KC_DB_PASSWORD: \${KEYCLOAK_DB_PASSWORD:?set KEYCLOAK_DB_PASSWORD}
      # Tokens name the issuer clients see, even when services fetch keys over the internal network.
      KC_HOSTNAME: \${PUBLIC_KEYCLOAK_URL:?set PUBLIC_KEYCLOAK_URL (https://…, the reverse proxy)}
      KC_HOSTNAME_BACKCHANNEL_DYNAMIC: "true"
      # The admin console's own URL: the loopback port above, through the tunnel.
      KC_HOSTNAME_ADMIN: http://127.0.0.1:8080
      # TLS ends at the reverse proxy; Keycloak takes X-Forwarded-* headers only from the
      # container networks the proxy's connections come from, never from a client.
      KC_HTTP_ENABLED: "true"
      KC_PROXY_HEADERS: xforwarded
      KC_PROXY_TRUSTED_ADDRESSES: \${KEYCLOAK_PROXY_ADDRESSES:-172.16.0.0/12}
      # /health/ready on the management port (9000), which is never published.
      KC_HEALTH_ENABLED: "true"
    volumes:
      - ./deploy/keycloak/kgraph-realm.json:/opt/keycloak/data/import/kgraph-realm.json:ro
    healthcheck:
      test:
        [
          "CMD-SHELL",
          "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /health/ready HTTP/1.0\\\\r\\\\n\\\\r\\\\n' >&3 && grep -q UP <&3",
        ]
      interval: 10s
      timeout: 5s
      retries: 30

  # Rate-limit counters only: nothing worth keeping across a restart, so nothing goes to disk.
  redis:
    image: redis:7.2-bookworm
    command: ["redis-server", "--save", "", "--appendonly", "no"]
    restart: unless-stopped
    networks: [internal]
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 5s
      timeout: 3s
      retries: 20

  migrate:
    build: { context: ., target: migrate }
    networks: [internal]
    restart: "no"
    depends_on:
      postgres:
        condition: service_healthy
    environment:
      DATABASE_URL: postgres://kgraph:\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/kgraph
      SUBJECT_REF_KEY: \${SUBJECT_REF_KEY:?set SUBJECT_REF_KEY (32+ random bytes)}
${subgraphs.map(({ name }) => `      ${upper(name)}_DB_PASSWORD: \${${upper(name)}_DB_PASSWORD:?set ${upper(name)}_DB_PASSWORD}\n`).join("")}    # Migrations, then each subgraph's login role and grants. Demonstration deployments also
    # seed the synthetic programme into an empty database; drop --seed-if-empty for a real one.
    command: ["node", "tools/dist/migrate.js", "--service-roles", "--seed-if-empty"]

${services}
  gateway:
    build: { context: ., target: gateway }
    restart: unless-stopped
    networks: [internal, public]
    ports:
      - "4000:4000"
    environment:
      <<: *auth-env
      GATEWAY_SIGNING_JWK: \${GATEWAY_SIGNING_JWK:?run npm run gateway-key}
      GATEWAY_HMAC_SECRET: \${GATEWAY_HMAC_SECRET:?set GATEWAY_HMAC_SECRET (32+ random bytes)}
${subgraphs.map(({ name, port }) => `      ${upper(name)}_URL: http://${name}:${port}/graphql\n`).join("")}      # Callers without a token may run only the trusted documents of the generated client.
      PUBLIC_TRUSTED_DOCUMENTS_ONLY: "true"
      # Every gateway replica counts each caller in the same Redis, and shares one response cache
      # for public callers there (RESPONSE_CACHE_TTL_MS: a public answer is at most 30 s old).
      REDIS_URL: redis://redis:6379
      # Set to your load balancer's addresses when one sits in front (only then is its
      # X-Forwarded-For believed); published directly, the TCP peer is the client.
      TRUSTED_PROXIES: \${TRUSTED_PROXIES:-}
      LOG_LEVEL: \${LOG_LEVEL:-info}
      NODE_ENV: production
      # /metrics on 9464, for a Prometheus on the internal network; deliberately not under \`ports:\`.
      METRICS_HOST: 0.0.0.0
      METRICS_PORT: "9464"
      # Traces, as for the subgraphs (x-subgraph-env): uncomment both places together.
      # OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4318
      # OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf
    depends_on:
      redis: { condition: service_healthy }
${subgraphs.map(({ name }) => `      ${name}: { condition: service_healthy }\n`).join("")}    healthcheck:
      test:
        [
          "CMD",
          "node",
          "-e",
          "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",
        ]
      interval: 10s
      timeout: 3s
      retries: 6

networks:
  internal:
    internal: true
  public: {}

volumes:
  pgdata: {}
`;
}

function dockerfile(subgraphs: RegisteredSubgraph[]): string {
  const targets = subgraphs
    .map(
      ({ name, port }) => `FROM runtime AS ${name}
COPY --from=build /app/subgraphs/${name}/package.json subgraphs/${name}/
COPY --from=build /app/subgraphs/${name}/dist subgraphs/${name}/dist
ENV HOST=0.0.0.0 PORT=${port}
EXPOSE ${port}
CMD ["node", "subgraphs/${name}/dist/main.js"]
`,
    )
    .join("\n");
  return `# syntax=docker/dockerfile:1
# ${GENERATED}
# One Dockerfile, one target per deployable: \`docker build --target cases .\` and so on;
# docker-compose.yml builds each service from its target. The build context is the repository.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY packages/platform/package.json packages/platform/
COPY packages/policy/package.json packages/policy/
COPY packages/client/package.json packages/client/
${subgraphs.map(({ name }) => `COPY subgraphs/${name}/package.json subgraphs/${name}/\n`).join("")}COPY gateway/package.json gateway/
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

${targets}
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
`;
}

/** The root project: every package, each subgraph, the gateway and the tools (`tsc -b`). */
function tsconfig(subgraphs: RegisteredSubgraph[]): string {
  const paths = [
    "packages/policy",
    "packages/platform",
    "packages/client",
    ...subgraphs.map(({ name }) => `subgraphs/${name}`),
    "gateway",
    "tools",
  ];
  return JSON.stringify({ files: [], references: paths.map((p) => ({ path: p })) });
}
