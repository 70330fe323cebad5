import { randomUUID } from "node:crypto";
import net from "node:net";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { DEFAULT_AUDIENCE, DEV_ISSUER, GATEWAY_ISSUER, generateKeyPairJwk } from "../src/auth/keys";
import { signToken } from "../src/auth/tokens";
import { MAX_TOKEN_LIFETIME_SECONDS } from "../src/auth/verifier";
import { SINGLE_VALUE_HEADERS } from "../src/repeated-headers";
import { type GraphQLResponse, type TestAuth, signExactClaims } from "../src/testing";

/**
 * THE EDGE-INPUT TEST KIT: malformed input is the caller's error, on every field, through every
 * door. The cases are generated from the schema, so a new list, a new mutation or a new id
 * argument is covered without anyone writing a test for it:
 *
 * - every field with an `after` argument, given forged cursors (valid base64url of wrong shapes,
 *   wrong types, huge numbers, SQL-looking strings, 10 KB), answers BAD_USER_INPUT naming `after`;
 * - every argument of type `ID`, at any depth of the arguments, given `"not-a-uuid"`, `""`,
 *   `"' OR 1=1 --"` and a 10 KB string, answers BAD_USER_INPUT naming its path, and nothing is
 *   written;
 * - every `DateTimeISO` argument of a root field, given times PostgreSQL cannot store or that are
 *   not times at all, answers BAD_USER_INPUT, and nothing is written;
 * - every `DateTimeISO` argument of every field, given the first and last instant it accepts,
 *   answers without an internal error (a deadline window worked out from year 1 reached year 0);
 * - every argument of type `String` or `ID`, at any depth, given text PostgreSQL cannot store (a
 *   NUL character, half a surrogate pair), answers BAD_USER_INPUT naming its path, and nothing is
 *   written (a NUL in a complaint's text failed its INSERT: an internal error, and a log line).
 *
 * Never INTERNAL_SERVER_ERROR. A subgraph's tests call it with `_entities` as the door to entity
 * fields; the end-to-end tests with the gateway's own queries.
 */
export interface EdgeInputTable {
  /** The schema whose fields are tried (a subgraph's, or every subgraph's for the gateway). */
  schemas: () => Promise<GraphQLSchema[]>;
  /** Sends an operation as a caller who may do everything. */
  send: (query: string, variables: Record<string, unknown>) => Promise<GraphQLResponse>;
  /**
   * How to reach a field of a type other than Query and Mutation: wrap its selection in an
   * operation body, with the variables that uses. Undefined: no door (the test then fails, naming
   * the field, so no list or id argument goes untried).
   */
  door: (typeName: string) => Promise<Door | undefined>;
  /** Rows in every table the service writes (its audit trail too), to show nothing was written. */
  rowCounts: () => Promise<Record<string, number>>;
}

export interface Door {
  wrap: (selection: string) => string;
  variables: Record<string, { type: string; value: unknown }>;
}

const U = "6f1c1f44-0e8f-4c55-9a39-6b1f0f1f7d2a";
const b64 = (text: string) => Buffer.from(text).toString("base64url");

/** Cursors no list issued, each wrong for every kind of list (time, sequence, names). */
export const FORGED_CURSORS: [string, string][] = [
  ["a date, not a time", b64(JSON.stringify(["2026-01-01", U]))],
  ["a number too large for JSON", b64(`[1e400,"${U}"]`)],
  ["a number where text belongs", b64(JSON.stringify([123, U]))],
  ["year 0000", b64(JSON.stringify(["0000-01-01T00:00:00.000Z", U]))],
  ["SQL for the id", b64(JSON.stringify(["2026-01-01T00:00:00.000Z", "' OR 1=1 --"]))],
  ["SQL in every part", b64(JSON.stringify(["' OR 1=1 --", "' OR 1=1 --", "' OR 1=1 --"]))],
  ["a sequence past bigint", b64(JSON.stringify(["99999999999999999999", U]))],
  ["an object", b64(JSON.stringify({ id: U }))],
  ["null", b64("null")],
  ["not base64url", "'; DROP TABLE x; --"],
  ["10 KB", "A".repeat(10_240)],
];

export const BAD_IDS: [string, string][] = [
  ["not-a-uuid", "not-a-uuid"],
  ["empty", ""],
  ["SQL", "' OR 1=1 --"],
  ["10 KB", "x".repeat(10_240)],
];

/**
 * Text refused in every argument: PostgreSQL refuses NUL and keeps half a surrogate pair as
 * U+FFFD; a bidirectional override reorders what readers see.
 */
export const UNSTORABLE_TEXTS: [string, string][] = [
  ["a NUL character", "synthetic \u0000 text"],
  ["half a surrogate pair", "synthetic \uD800 text"],
  ["a right-to-left override", "synthetic \u202E text"],
];

/** The first and last instants a DateTimeISO accepts: valid, and whatever is worked out from them. */
export const EXTREME_TIMES: string[] = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"];

export const BAD_TIMES: string[] = [
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59-05:00",
  "+275760-09-13T00:00:00.000Z",
  "2026-13-01T00:00:00Z",
  "yesterday",
];

interface Target {
  typeName: string;
  field: GraphQLField<unknown, unknown>;
}

/** Every field of every schema whose arguments match, without `_entities`/`_service`. */
function targets(schemas: GraphQLSchema[], wanted: (field: GraphQLField<unknown, unknown>) => boolean): Target[] {
  const found = new Map<string, Target>();
  for (const schema of schemas) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("_")) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith("_") || !wanted(field)) continue;
        found.set(`${type.name}.${field.name}`, { typeName: type.name, field });
      }
    }
  }
  return [...found.values()].sort((a, b) =>
    `${a.typeName}.${a.field.name}`.localeCompare(`${b.typeName}.${b.field.name}`),
  );
}

/** Paths (`input.caseIds`) to every argument leaf whose named type is `scalar`. */
export function scalarPaths(field: GraphQLField<unknown, unknown>, scalar: string): string[] {
  const paths: string[] = [];
  const walk = (type: GraphQLInputType, path: string, seen: Set<string>) => {
    const named = getNamedType(type);
    if (isScalarType(named)) {
      if (named.name === scalar) paths.push(path);
    } else if (isInputObjectType(named) && !seen.has(named.name)) {
      for (const inner of Object.values(named.getFields()))
        walk(inner.type, `${path}.${inner.name}`, new Set([...seen, named.name]));
    }
  };
  for (const argument of field.args) walk(argument.type, argument.name, new Set());
  return paths;
}

/** A value of the right GraphQL type (not necessarily one the service accepts) for a required input. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sample(field.type);
    }
    return value;
  }
  switch (getNamedType(type).name) {
    case "ID":
      return randomUUID();
    case "Int":
    case "Float":
      return 1;
    case "Boolean":
      return false;
    case "DateTimeISO":
      return "2026-01-01T00:00:00Z";
    default:
      return "sample";
  }
}

/** The field's arguments with every required one filled in, and `path` set to `value`. */
function argumentsWith(field: GraphQLField<unknown, unknown>, path: string, value: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const argument of field.args) {
    if (isNonNullType(argument.type) && argument.defaultValue === undefined)
      args[argument.name] = sample(argument.type);
  }
  const steps = path.split(".");
  let holder: Record<string, unknown> = args;
  let type: GraphQLInputType = (field.args.find((a) => a.name === steps[0]) as GraphQLArgument).type;
  for (const [i, step] of steps.entries()) {
    if (i > 0) {
      const named = getNamedType(type);
      if (!isInputObjectType(named)) throw new Error(`${path} does not lead to a value`);
      type = named.getFields()[step].type;
    }
    const last = i === steps.length - 1;
    const unwrapped = isNonNullType(type) ? type.ofType : type;
    if (last) holder[step] = isListType(unwrapped) ? [value] : value;
    else {
      if (holder[step] === undefined || holder[step] === null)
        holder[step] = sample(getNamedType(type) as GraphQLInputType);
      // A list of input objects: the value goes into its first element.
      const next = holder[step];
      holder = (Array.isArray(next) ? next[0] : next) as Record<string, unknown>;
    }
  }
  return args;
}

/**
 * The path the checks name a value by: every list on the way is entered at its first element
 * (`input.caseIds[0]`, `input.recommendations[0].addresseeOrgId`).
 */
function elementPath(field: GraphQLField<unknown, unknown>, path: string): string {
  const steps = path.split(".");
  let type: GraphQLInputType = (field.args.find((a) => a.name === steps[0]) as GraphQLArgument).type;
  const named = (t: GraphQLInputType) => (isListType(isNonNullType(t) ? t.ofType : t) ? "[0]" : "");
  let out = steps[0] + named(type);
  for (const step of steps.slice(1)) {
    type = (getNamedType(type) as { getFields(): Record<string, { type: GraphQLInputType }> }).getFields()[step].type;
    out += `.${step}${named(type)}`;
  }
  return out;
}

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isScalarType(named) || isEnumType(named) ? "" : "{ __typename }";
}

/** The door to an entity's fields in a subgraph: `_entities` with one representation. */
export function entityDoor(representation: { __typename: string } & Record<string, unknown>): Door {
  return {
    wrap: (selection) =>
      `_entities(representations: $edgeRepresentations) { ... on ${representation.__typename} { ${selection} } }`,
    variables: { edgeRepresentations: { type: "[_Any!]!", value: [representation] } },
  };
}

/** An operation calling `target` with its arguments as one variable each. */
async function operationFor(
  table: EdgeInputTable,
  target: Target,
  args: Record<string, unknown>,
): Promise<{ query: string; variables: Record<string, unknown> } | string> {
  const { typeName, field } = target;
  const used = field.args.filter((argument) => args[argument.name] !== undefined);
  const call = `${field.name}${used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(", ")})` : ""} ${selectionOf(field)}`;
  const variables: Record<string, unknown> = Object.fromEntries(used.map((a) => [a.name, args[a.name]]));
  const definitions = used.map((a) => `$${a.name}: ${String(a.type)}`);
  let body: string;
  let kind = "query";
  if (typeName === "Query" || typeName === "Mutation") {
    body = call;
    kind = typeName === "Mutation" ? "mutation" : "query";
  } else {
    const door = await table.door(typeName);
    if (!door) return `no door to ${typeName}.${field.name}: add one for ${typeName}`;
    body = door.wrap(call);
    for (const [name, { type, value }] of Object.entries(door.variables)) {
      definitions.push(`$${name}: ${type}`);
      variables[name] = value;
    }
  }
  return { query: `${kind}${definitions.length ? `(${definitions.join(", ")})` : ""} { ${body} }`, variables };
}

function codes(res: GraphQLResponse): unknown[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}

/** The tests, one per field; call inside a test file after the service has started. */
export function describeEdgeInputs(name: string, table: () => EdgeInputTable): void {
  let schemas: GraphQLSchema[] = [];
  beforeAll(async () => {
    schemas = await table().schemas();
  });

  describe(`${name}: forged cursors are BAD_USER_INPUT naming after`, () => {
    it("on every list", async () => {
      const t = table();
      const lists = targets(schemas, (f) => f.args.some((a) => a.name === "after"));
      expect(lists.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const target of lists) {
        for (const [label, cursor] of FORGED_CURSORS) {
          const operation = await operationFor(t, target, argumentsWith(target.field, "after", cursor));
          if (typeof operation === "string") {
            wrong.push(operation);
            break;
          }
          const res = await t.send(operation.query, operation.variables);
          const refused = (res.errors ?? []).some(
            (e) => e.extensions?.code === "BAD_USER_INPUT" && e.extensions?.argument === "after",
          );
          if (!refused || codes(res).includes("INTERNAL_SERVER_ERROR")) {
            wrong.push(
              `${target.typeName}.${target.field.name} with ${label}: ${JSON.stringify(res.errors ?? res.data)}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe(`${name}: malformed ids are BAD_USER_INPUT naming the argument, and write nothing`, () => {
    it("on every argument of type ID, at every depth", async () => {
      const t = table();
      const fields = targets(schemas, (f) => scalarPaths(f, "ID").length > 0);
      expect(fields.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const target of fields) {
        const before = await t.rowCounts();
        for (const path of scalarPaths(target.field, "ID")) {
          for (const [label, value] of BAD_IDS) {
            const operation = await operationFor(t, target, argumentsWith(target.field, path, value));
            if (typeof operation === "string") {
              wrong.push(operation);
              break;
            }
            const res = await t.send(operation.query, operation.variables);
            const named = elementPath(target.field, path);
            const refused = (res.errors ?? []).some(
              (e) => e.extensions?.code === "BAD_USER_INPUT" && e.extensions?.argument === named,
            );
            if (!refused || codes(res).includes("INTERNAL_SERVER_ERROR")) {
              wrong.push(
                `${target.typeName}.${target.field.name}(${named}) = ${label}: ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`,
              );
            }
          }
        }
        const after = await t.rowCounts();
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          wrong.push(`${target.typeName}.${target.field.name} wrote: ${JSON.stringify({ before, after })}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe(`${name}: text that cannot be stored is BAD_USER_INPUT naming the argument, and writes nothing`, () => {
    it("on every argument of type String or ID, at every depth", async () => {
      const t = table();
      const textPaths = (field: GraphQLField<unknown, unknown>) => [
        ...scalarPaths(field, "String"),
        ...scalarPaths(field, "ID"),
      ];
      const fields = targets(schemas, (f) => textPaths(f).length > 0);
      expect(fields.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const target of fields) {
        const before = await t.rowCounts();
        for (const path of textPaths(target.field)) {
          for (const [label, value] of UNSTORABLE_TEXTS) {
            const operation = await operationFor(t, target, argumentsWith(target.field, path, value));
            if (typeof operation === "string") {
              wrong.push(operation);
              break;
            }
            const res = await t.send(operation.query, operation.variables);
            const named = elementPath(target.field, path);
            const refused = (res.errors ?? []).some(
              (e) => e.extensions?.code === "BAD_USER_INPUT" && e.extensions?.argument === named,
            );
            if (!refused || codes(res).includes("INTERNAL_SERVER_ERROR")) {
              wrong.push(
                `${target.typeName}.${target.field.name}(${named}) = ${label}: ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`,
              );
            }
          }
        }
        const after = await t.rowCounts();
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          wrong.push(`${target.typeName}.${target.field.name} wrote: ${JSON.stringify({ before, after })}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe(`${name}: times outside what can be stored are BAD_USER_INPUT, and write nothing`, () => {
    it("on every DateTimeISO argument of a query or mutation", async () => {
      const t = table();
      const fields = targets(schemas, (f) => scalarPaths(f, "DateTimeISO").length > 0).filter(
        (target) => target.typeName === "Query" || target.typeName === "Mutation",
      );
      const wrong: string[] = [];
      for (const target of fields) {
        const before = await t.rowCounts();
        for (const path of scalarPaths(target.field, "DateTimeISO")) {
          for (const value of BAD_TIMES) {
            const operation = await operationFor(t, target, argumentsWith(target.field, path, value));
            if (typeof operation === "string") continue;
            const res = await t.send(operation.query, operation.variables);
            if (!codes(res).includes("BAD_USER_INPUT") || codes(res).includes("INTERNAL_SERVER_ERROR")) {
              wrong.push(
                `${target.typeName}.${target.field.name}(${path}) = ${value}: ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`,
              );
            }
          }
        }
        const after = await t.rowCounts();
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          wrong.push(`${target.typeName}.${target.field.name} wrote: ${JSON.stringify({ before, after })}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe(`${name}: times at the ends of the accepted range are never an internal error`, () => {
    it("on every DateTimeISO argument of every field", async () => {
      const t = table();
      const fields = targets(schemas, (f) => scalarPaths(f, "DateTimeISO").length > 0);
      const wrong: string[] = [];
      for (const target of fields) {
        for (const path of scalarPaths(target.field, "DateTimeISO")) {
          for (const value of EXTREME_TIMES) {
            const operation = await operationFor(t, target, argumentsWith(target.field, path, value));
            if (typeof operation === "string") {
              wrong.push(operation);
              break;
            }
            const res = await t.send(operation.query, operation.variables);
            if (codes(res).includes("INTERNAL_SERVER_ERROR")) {
              wrong.push(
                `${target.typeName}.${target.field.name}(${path}) = ${value}: ${JSON.stringify(res.errors).slice(0, 300)}`,
              );
            }
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  });
}

/** Rows in every table of the given PostgreSQL schemas (through a query function). */
export async function rowCountsOf(
  query: (sql: string, params?: unknown[]) => Promise<{ [column: string]: unknown }[]>,
  schemas: string[],
): Promise<Record<string, number>> {
  const tables = (await query(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
    [schemas],
  )) as { s: string; t: string }[];
  const counts: Record<string, number> = {};
  for (const { s, t } of tables) {
    const [{ n }] = (await query(`SELECT count(*)::int AS n FROM "${s}"."${t}"`)) as { n: number }[];
    counts[`${s}.${t}`] = n;
  }
  return counts;
}

export interface BadToken {
  name: string;
  /** The Authorization header to send (undefined: none). */
  authorization: () => Promise<string | undefined>;
  /** Why the verifier refuses it: what it logs (never what the caller is told). */
  reason: string;
  /** The reason at the gateway, where the gateway's own key is not trusted from callers at all. */
  reasonAtGateway?: string;
}

/** Every kind of token a service must refuse with HTTP 401 "invalid token". */
export function badTokens(auth: TestAuth): BadToken[] {
  const now = () => Math.floor(Date.now() / 1000);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = () => ({ iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now() });
  const bearer = (token: Promise<string>) => token.then((t) => `Bearer ${t}`);
  const signed = (options: Partial<{ issuer: string; audience: string; ttlSeconds: number; notBefore: number }>) =>
    bearer(
      signToken(
        auth.keys.issuer.privateJwk,
        { sub: "00000000-0000-4000-8000-0000000000bb", roles: ["ombudsperson"] },
        { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 600, ...options },
      ),
    );
  return [
    {
      name: "a token without exp",
      authorization: () =>
        bearer(signExactClaims(auth.keys.issuer.privateJwk, { ...claims(), sub: "u-1", roles: ["ombudsperson"] })),
      reason: "The token has no exp claim.",
    },
    {
      name: "a token without sub",
      authorization: () =>
        bearer(
          signExactClaims(auth.keys.issuer.privateJwk, { ...claims(), exp: now() + 600, roles: ["ombudsperson"] }),
        ),
      reason: "The token has no sub claim.",
    },
    {
      name: "a token with an empty sub",
      authorization: () =>
        bearer(signExactClaims(auth.keys.issuer.privateJwk, { ...claims(), exp: now() + 600, sub: "", roles: [] })),
      reason: "The token's sub claim is empty.",
    },
    {
      name: "a gateway-issued token without exp",
      authorization: () =>
        bearer(
          signExactClaims(auth.keys.gateway.privateJwk, {
            iss: GATEWAY_ISSUER,
            aud: DEFAULT_AUDIENCE,
            sub: "public",
            roles: [],
          }),
        ),
      reason: "The token has no exp claim.",
      reasonAtGateway: "The token's signature does not match a trusted key.",
    },
    {
      // Longer than any column that keeps a subject: refused with the token, not by the write it reaches.
      name: "a token whose sub is longer than 200 characters",
      authorization: () =>
        bearer(
          signExactClaims(auth.keys.issuer.privateJwk, {
            ...claims(),
            exp: now() + 600,
            sub: "s".repeat(201),
            roles: ["ombudsperson"],
          }),
        ),
      reason: "The token's sub claim is longer than 200 characters.",
    },
    { name: "an expired token", authorization: () => signed({ ttlSeconds: -60 }), reason: "The token has expired." },
    {
      name: "a token valid for ten years",
      authorization: () => signed({ ttlSeconds: 10 * 365 * 86400 }),
      reason: `The token is valid for longer than the ${MAX_TOKEN_LIFETIME_SECONDS} s this service accepts.`,
    },
    {
      // Issued two days ago for two days and an hour: one hour left, but valid for longer than the bound.
      name: "a token issued for longer than the bound, whatever is left of it",
      authorization: () =>
        bearer(
          signExactClaims(auth.keys.issuer.privateJwk, {
            ...claims(),
            iat: now() - 2 * 86400,
            exp: now() + 3600,
            sub: "00000000-0000-4000-8000-0000000000bb",
            roles: ["ombudsperson"],
          }),
        ),
      reason: `The token is valid for longer than the ${MAX_TOKEN_LIFETIME_SECONDS} s this service accepts.`,
    },
    {
      // Issued two hours ahead, valid for one hour after that (probe 4: accepted until now).
      name: "a token issued in the future",
      authorization: () =>
        bearer(
          signExactClaims(auth.keys.issuer.privateJwk, {
            ...claims(),
            iat: now() + 2 * 3600,
            exp: now() + 3 * 3600,
            sub: "00000000-0000-4000-8000-0000000000bb",
            roles: ["ombudsperson"],
          }),
        ),
      reason: "The token was issued in the future.",
    },
    {
      name: "a token not valid yet",
      authorization: () => signed({ notBefore: now() + 3600 }),
      reason: "The token is not valid yet.",
    },
    {
      name: "a token from another issuer",
      authorization: () => signed({ issuer: "https://elsewhere.example" }),
      reason: "The token was issued by an issuer this service does not trust.",
    },
    {
      name: "a token for another audience",
      authorization: () => signed({ audience: "another-api" }),
      reason: "The token is meant for another audience.",
    },
    {
      name: "a token signed by another key with the trusted key's id",
      authorization: async () =>
        bearer(
          signToken(
            (await generateKeyPairJwk(auth.keys.issuer.privateJwk.kid as string)).privateJwk,
            { sub: "u", roles: ["ombudsperson"] },
            { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 600 },
          ),
        ),
      reason: "The token's signature does not match a trusted key.",
    },
    {
      name: "an unsigned token (alg none)",
      authorization: async () =>
        `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64({ ...claims(), sub: "u", roles: ["ombudsperson"], exp: now() + 600 })}.`,
      reason: "The token's signing algorithm is not accepted.",
    },
    {
      name: "a header that is not a bearer JWT",
      authorization: async () => "Bearer not-a-jwt",
      reason: "The Authorization header is not a bearer JWT.",
    },
  ];
}

/** The one answer to every refused token, wherever it is refused. */
export const INVALID_TOKEN_BODY = { errors: [{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }] };

/** Sends one raw HTTP/1.1 request (header lines exactly as given, repeats included); the status and body. */
export function rawRequest(
  url: string,
  headerLines: string[],
  body: string,
): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer from ${url}`)));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
    socket.end(`POST ${target.pathname} HTTP/1.1\r\n${headerLines.join("\r\n")}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/**
 * Every single-value header (SINGLE_VALUE_HEADERS) sent twice to `url()` is HTTP 400: a proxy that
 * keeps the last of two Authorization headers and a service that keeps the first would serve
 * different callers.
 */
export function describeRepeatedHeaderWall(name: string, url: () => string, auth: () => TestAuth): void {
  it(`${name}: every single-value header sent twice is HTTP 400, whichever it is`, async () => {
    const body = JSON.stringify({ query: "{ __typename }" });
    const target = new URL(url());
    const base: Record<string, string> = {
      host: target.host,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      authorization: (await auth().authorization("auditor")) as string,
    };
    const second: Record<string, string> = { ...base, authorization: "Bearer not-a-jwt" };
    const answers: { header: string; status: number; code?: string }[] = [];
    for (const header of SINGLE_VALUE_HEADERS) {
      const lines = Object.entries(base).map(([key, value]) => `${key}: ${value}`);
      if (!(header in base)) lines.push(`${header}: first`);
      lines.push(`${header}: ${second[header] ?? "second"}`);
      const answer = await rawRequest(url(), lines, body);
      let code: string | undefined;
      try {
        code = (JSON.parse(answer.body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions
          ?.code;
      } catch {
        code = undefined;
      }
      answers.push({ header, status: answer.status, code });
    }
    expect(answers).toEqual(
      [...SINGLE_VALUE_HEADERS].map((header) => ({
        header,
        status: 400,
        // Node's own parser refuses a repeated Content-Length before any service code runs.
        code: header === "content-length" ? undefined : "BAD_REQUEST",
      })),
    );
  });
}

/** Every bad token sent to `url()` is HTTP 401 with the one generic body and `WWW-Authenticate`. */
export function describeTokenWall(name: string, url: () => string, auth: () => TestAuth): void {
  describeRepeatedHeaderWall(name, url, auth);
  it(`${name}: every bad token (no exp, no sub, expired, forged, …) is HTTP 401 "invalid token", saying no more`, async () => {
    const answers: unknown[] = [];
    for (const token of badTokens(auth())) {
      const authorization = await token.authorization();
      const response = await fetch(url(), {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      answers.push({
        token: token.name,
        status: response.status,
        challenge: response.headers.get("www-authenticate"),
        body: await response.json(),
      });
    }
    expect(answers).toEqual(
      badTokens(auth()).map((token) => ({
        token: token.name,
        status: 401,
        challenge: 'Bearer error="invalid_token"',
        body: INVALID_TOKEN_BODY,
      })),
    );
  });
}
