import { randomBytes } from "node:crypto";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import {
  SIGNATURE_EXTENSION,
  STAMP_EXTENSION,
  type SignatureStamp,
  gatewaySignature,
  newStamp,
} from "./audit/gateway-signature";
import { DEVELOPMENT_EDGE, type SubgraphEdgeSettings } from "./config";
import { migrate, sqlStatements, withDatabase } from "./database";
import { ROLES } from "@kgraph/policy";
import { type DevKeys, DEFAULT_AUDIENCE, DEV_ISSUER, GATEWAY_ISSUER, generateKeyPairJwk } from "./auth/keys";
import { type JWK, jose } from "./auth/jose";
import { type TokenClaims, signToken } from "./auth/tokens";
import { type TokenVerifier, createTokenVerifier } from "./auth/verifier";
import { createLogger } from "./logger";
import { PUBLISHED_VIEWS } from "./published-views";
import type { SubgraphDefinition } from "./subgraph-definition";

/**
 * The PostgreSQL server tests run against: DATABASE_URL when set, otherwise the embedded
 * server the test run's global setup started (it exports KGRAPH_TEST_SERVER_URL).
 */
export function testServerUrl(): string {
  const url = process.env.KGRAPH_TEST_SERVER_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error("No test database server: run tests through `npm test`.");
  return url;
}

/** A fresh, uniquely named database on the test server; `drop()` removes it. */
export async function createTestDatabase(prefix = "kgraph_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const server = testServerUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server, name),
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Unique values for factories, so tests never collide with each other or with seed data. */
let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid.toString(36)}${counter.toString(36)}${randomBytes(2).toString("hex")}`;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Sends one GraphQL operation over real HTTP, as a client would. */
export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, "status">;
  return { status: response.status, ...body };
}

/**
 * Signs exactly these claims (RS256), nothing added: for tests of tokens that lack a claim an
 * identity provider would normally set (`exp`, `sub`).
 */
export async function signExactClaims(privateJwk: JWK, claims: Record<string, unknown>): Promise<string> {
  const key = await jose.importJWK(privateJwk, "RS256");
  return new jose.SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: privateJwk.kid, typ: "JWT" }).sign(key);
}

/**
 * Sends an operation to a subgraph as the gateway does: the body signed with the gateway's
 * secret (over the query, the variables and the request ids it vouches for), the ids in headers.
 */
export async function gatewaySignedRequest<T = Record<string, unknown>>(
  url: string,
  secret: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
  /** The stamp to sign with (a fresh one unless a test needs a stale or repeated one). */
  stamp: SignatureStamp = newStamp(),
): Promise<GraphQLResponse<T>> {
  const signed = signedBody(secret, query, variables, stamp, headers.authorization ?? null);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": signed.requestId, ...headers },
    body: signed.json,
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, "status">;
  return { status: response.status, ...body };
}

/** A request body signed as the gateway signs one, with its request id (sent as x-request-id). */
export function signedBody(
  secret: string,
  query: string,
  variables: Record<string, unknown>,
  stamp: SignatureStamp = newStamp(),
  /** The Authorization header it is to be sent with (the signature covers it). */
  authorization: string | null = null,
): { json: string; requestId: string } {
  const claims = { requestId: randomBytes(8).toString("hex"), clientRequestId: null, clientOperationName: null };
  const signature = gatewaySignature(secret, { query, variables }, claims, stamp, authorization);
  return {
    requestId: claims.requestId,
    json: JSON.stringify({
      query,
      variables,
      extensions: { [SIGNATURE_EXTENSION]: signature, [STAMP_EXTENSION]: stamp },
    }),
  };
}

/** The pseudonym key subgraph tests run with (a test value, not a secret). */
export const TEST_SUBJECT_REF_KEY = "test-subject-ref-key-not-secret";

/**
 * Identity for tests: freshly generated issuer and gateway keys, the verifier services use, and
 * tokens for any role. `as` in the harnesses takes a role, claims, a raw token, or null (no
 * Authorization header at all).
 */
export type CallAs = string | (Partial<TokenClaims> & { roles: string[] }) | { token: string } | null;

export interface TestAuth {
  keys: DevKeys;
  verifier: TokenVerifier;
  /** A bearer header value for the caller, or undefined for `null` (no header). */
  authorization(as: CallAs): Promise<string | undefined>;
  /** The token the gateway sends for public callers. */
  publicToken(): Promise<string>;
}

/** Every role at once: what subgraph tests that are not about authorization call as. */
export const ALL_ROLES: CallAs = { roles: [...ROLES], sub: "00000000-0000-4000-8000-0000000000aa" };

let sharedKeys: Promise<DevKeys> | undefined;

export async function createTestAuth(): Promise<TestAuth> {
  // One key pair per test process: RSA key generation is the slow part.
  sharedKeys ??= (async () => ({
    issuer: await generateKeyPairJwk("test-issuer"),
    gateway: await generateKeyPairJwk("test-gateway"),
  }))();
  const keys = await sharedKeys;
  const verifier = createTokenVerifier({
    issuer: DEV_ISSUER,
    audience: DEFAULT_AUDIENCE,
    publicKeys: [keys.issuer.publicJwk],
    gatewayPublicKey: keys.gateway.publicJwk,
  });
  const sign = (claims: TokenClaims) =>
    signToken(keys.issuer.privateJwk, claims, { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 600 });
  return {
    keys,
    verifier,
    async authorization(as) {
      if (as === null) return undefined;
      if (typeof as === "string") return `Bearer ${await sign({ sub: `test-${as}`, roles: [as] })}`;
      if ("token" in as) return `Bearer ${as.token}`;
      return `Bearer ${await sign({ sub: "00000000-0000-4000-8000-0000000000aa", ...as })}`;
    },
    publicToken: () =>
      signToken(
        keys.gateway.privateJwk,
        { sub: "public", roles: [] },
        { issuer: GATEWAY_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 60 },
      ),
  };
}

export interface SubgraphHarness {
  url: string;
  /** The secret the subgraph takes as the gateway's signing key (a fresh one per harness). */
  gatewaySecret: string;
  /** A connection to the test database, for factories and for checking what was written. */
  db: DataSource;
  auth: TestAuth;
  /** Sends an operation as a caller (default: every role at once). */
  gql: <T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: CallAs,
  ) => Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** A fresh database, migrated, and the subgraph serving it over real HTTP on a free port. */
export async function startSubgraphHarness(
  definition: SubgraphDefinition,
  options: { edge?: SubgraphEdgeSettings; graphUrl?: string } = {},
): Promise<SubgraphHarness> {
  const database = await createTestDatabase();
  const db = definition.createDataSource(database.url);
  await db.initialize();
  await migrate(db);
  await createPublishedViewStandIns(db, definition.name);
  const auth = await createTestAuth();
  const gatewaySecret = randomBytes(32).toString("base64url");
  const server = await definition.start({
    databaseUrl: database.url,
    subjectRefKey: TEST_SUBJECT_REF_KEY,
    port: 0,
    logger: createLogger(definition.name, "silent"),
    verifier: auth.verifier,
    gatewaySignatureSecret: gatewaySecret,
    // Development settings unless a test asks for production's: tests call the subgraph directly.
    edge: options.edge ?? DEVELOPMENT_EDGE,
    graphUrl: options.graphUrl,
  });
  return {
    url: server.url,
    gatewaySecret,
    db,
    auth,
    async gql(query, variables, as = ALL_ROLES) {
      const authorization = await auth.authorization(as);
      return graphqlRequest(server.url, query, variables, authorization ? { authorization } : {});
    },
    async stop() {
      await server.stop();
      await db.destroy();
      await database.drop();
    },
  };
}

/**
 * In a subgraph's own test database, the views other subgraphs publish for its record rules are
 * empty tables of the same shape (the contract is the boundary); tests insert the rows a scenario
 * needs. End-to-end tests run every subgraph's real migrations instead.
 */
export async function createPublishedViewStandIns(db: DataSource, subgraph: string): Promise<void> {
  for (const { owner, view, columns, consumers } of PUBLISHED_VIEWS) {
    if (owner === subgraph || !consumers.includes(subgraph)) continue;
    const definition = Object.entries(columns)
      .map(([column, type]) => `${column} ${type} NOT NULL`)
      .join(", ");
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${owner}`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${owner}.${view} (${definition})`);
  }
}

export interface RecordedStatement {
  query: string;
  parameters: unknown[];
}

/** The SQL statements this process sent while `run` ran (a harness's subgraph serves in-process). */
export async function recordStatements(run: () => Promise<unknown>): Promise<RecordedStatement[]> {
  const recorded: RecordedStatement[] = [];
  sqlStatements.recorded = recorded;
  try {
    await run();
  } finally {
    sqlStatements.recorded = undefined;
  }
  return recorded;
}

/**
 * How many rows a recorded SELECT returns, asked again on `db` (the same database, so the same
 * rows while nothing was written since): what the database sent for it.
 */
export async function rowsReturned(db: DataSource, statement: RecordedStatement): Promise<number> {
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM (${statement.query}) returned`, [
    ...statement.parameters,
  ])) as { n: number }[];
  return n;
}

/**
 * Runs `requests` while the test holds an EXCLUSIVE lock on `table` (schema-qualified): plain
 * reads go on, every write and every SELECT … FOR UPDATE on it waits. Once `waiting` connections
 * are blocked on a lock, the lock is released; so the requests provably race from the same point
 * instead of running one after the other, and a check-then-write without a lock shows its race.
 */
export async function racing<T>(
  db: DataSource,
  table: string,
  waiting: number,
  requests: () => Promise<T>[],
): Promise<T[]> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  let pending: Promise<PromiseSettledResult<T>[]> | undefined;
  try {
    await runner.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
    pending = Promise.allSettled(requests());
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [{ n }] = (await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )) as { n: number }[];
      if (n >= waiting) break;
      if (Date.now() > deadline) throw new Error(`only ${n} of ${waiting} requests reached the lock on ${table}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await runner.commitTransaction();
    await runner.release();
  }
  return (await pending).map((settled) => {
    if (settled.status === "rejected") throw settled.reason;
    return settled.value;
  });
}
