import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { CallAs } from "@kgraph/platform";
import { ROLES, type Role } from "@kgraph/policy";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { Client } from "pg";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * HOSTILE INPUT (issue 8). Generated requests a hostile client would send — broken transport,
 * unparsable and invalid documents, cost bombs, hostile argument values for every query, and
 * every mutation with hostile values as every role and the public — against the whole platform
 * through the gateway. For every one: no HTTP 5xx, no INTERNAL_SERVER_ERROR, an answer within
 * 2 s on this machine, and a refused request writes nothing. Afterwards the platform is healthy.
 *
 * The 2 s bound is the issue's acceptance bound for a single answer, not a performance figure
 * (those are `npm run bench`'s): a request that takes longer is one that holds the platform.
 */
const API = buildSchema(fs.readFileSync(path.join(__dirname, "..", "..", "schema", "api.graphql"), "utf8"));
const ANSWER_WITHIN_MS = 2_000;

let platform: Platform;
let db: Client;
const problems: string[] = [];
let sent = 0;

beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: 60, progress: () => undefined }),
    // The rate limit is tested on its own; here it would only turn hostile requests into 429s.
    gatewayEnv: { LIMIT_REQUESTS_PER_MINUTE: "1000000" },
  });
  db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  // Untimed warm-up: the first GraphiQL page, plan and token of a fresh process are not what the
  // 2 s bound is about.
  await fetch(new URL("/graphql", platform.gatewayUrl), { headers: { accept: "text/html" } }).then((r) => r.text());
  await platform.gql("{ agreements { id } }", {}, null);
  await platform.gql("{ agreements { id } }", {}, "mia_officer");
}, 180_000);
afterAll(async () => {
  await db?.end();
  await platform?.stop();
});

/** One raw HTTP exchange with the gateway, timed; never throws for an HTTP answer. */
async function raw(options: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<{ status: number; text: string; ms: number; type?: string }> {
  const url = new URL(options.path ?? "/graphql", platform.gatewayUrl);
  const started = Date.now();
  sent += 1;
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: options.method ?? "POST", headers: options.headers ?? {}, timeout: ANSWER_WITHIN_MS * 5 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            ms: Date.now() - started,
            type: res.headers["content-type"],
          }),
        );
        res.on("error", () => resolve({ status: 0, text: "response stream failed", ms: Date.now() - started }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (err) => resolve({ status: 0, text: `no answer: ${err.message}`, ms: Date.now() - started }));
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

async function authorization(as: CallAs): Promise<Record<string, string>> {
  const value = await platform.auth.authorization(as);
  return value ? { authorization: value } : {};
}

/** Sends one request and records what is wrong with its answer. */
async function probe(
  label: string,
  options: Parameters<typeof raw>[0],
): Promise<{ status: number; body: any } | undefined> {
  const res = await raw(options);
  if (res.status === 0) problems.push(`${label}: ${res.text}`);
  else if (res.status >= 500) problems.push(`${label}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  if (res.ms > ANSWER_WITHIN_MS) problems.push(`${label}: answered after ${res.ms} ms`);
  // Every answer is measured against the response size limit, which a streamed one would escape.
  if (/event-stream|multipart/i.test(res.type ?? "")) problems.push(`${label}: streamed answer (${res.type})`);
  let body: any;
  try {
    body = JSON.parse(res.text);
  } catch {
    body = undefined;
  }
  const codes = JSON.stringify(body ?? "").match(/INTERNAL_SERVER_ERROR/g);
  if (codes) problems.push(`${label}: INTERNAL_SERVER_ERROR in ${res.text.slice(0, 300)}`);
  return { status: res.status, body };
}

const json = (value: unknown) => JSON.stringify(value);
const POST_JSON = { "content-type": "application/json", accept: "application/json" };

/** A digest of every subgraph table but the audit trails (which reads extend by design). */
async function databaseDigest(): Promise<string> {
  const { rows } = await db.query(
    `SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_schema IN ('cases', 'facilities', 'monitoring', 'training') AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('audit_event', 'migrations') ORDER BY 1, 2`,
  );
  const parts: string[] = [];
  for (const { table_schema, table_name } of rows as { table_schema: string; table_name: string }[]) {
    const { rows: sums } = await db.query(
      `SELECT count(*)::text || ':' || coalesce(sum(hashtext(t::text)::bigint), 0)::text AS d FROM ${table_schema}."${table_name}" t`,
    );
    parts.push(`${table_schema}.${table_name}=${sums[0].d}`);
  }
  return parts.join(";");
}

// ---------------------------------------------------------------------------------------------
// Values: one valid value per input type, and hostile values to put in its place.

const VALID_SCALARS: Record<string, () => unknown> = {
  ID: () => "00000000-0000-4000-8000-000000000001",
  String: () => "Probe text of reasonable length.",
  Int: () => 1,
  Float: () => 1.5,
  Boolean: () => true,
  DateTimeISO: () => new Date(Date.now() - 3_600_000).toISOString(),
};

const HOSTILE_SCALARS: Record<string, unknown[]> = {
  ID: ["not-a-uuid", "", "' OR 1=1 --", "00000000-0000-0000-0000-000000000000", "x".repeat(10_000), "__proto__"],
  String: [
    "",
    "x".repeat(100_000),
    "\u0000\u0001\u0002",
    "'; DROP TABLE cases.case; --",
    "\ud800",
    "<script>alert(1)</script>",
  ],
  Int: [-1, 0, 2_147_483_647, -2_147_483_648],
  Float: [-1e308, 1e308, 0],
  Boolean: [false],
  DateTimeISO: ["0000-01-01T00:00:00Z", "275760-09-13T00:00:00.001Z", "2026-13-45T25:61:61Z", "yesterday", ""],
};

function validValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, depth);
  if (isListType(type)) return [validValue(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined && depth < 4) {
        value[field.name] = validValue(field.type, depth + 1);
      }
    }
    return value;
  }
  return (VALID_SCALARS[type.name] ?? (() => "x"))();
}

/** Every leaf path of an argument's input type, with the scalar type at it. */
function leaves(type: GraphQLInputType, at: string[] = [], depth = 0): { path: string[]; type: GraphQLNamedType }[] {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (depth > 3) return [];
    return Object.values(named.getFields()).flatMap((field) => leaves(field.type, [...at, field.name], depth + 1));
  }
  return [{ path: at, type: named }];
}

function setAt(target: Record<string, unknown>, pathParts: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  let cursor: any = copy;
  for (const part of pathParts.slice(0, -1)) {
    if (cursor[part] === null || typeof cursor[part] !== "object" || Array.isArray(cursor[part])) cursor[part] = {};
    cursor = cursor[part];
  }
  cursor[pathParts[pathParts.length - 1]] = value;
  return copy;
}

/** Hostile variables for a field: each leaf of each argument given each hostile value of its type. */
function hostileVariants(field: GraphQLField<unknown, unknown>): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  for (const arg of field.args) base[arg.name] = validValue(arg.type);
  const variants: Record<string, unknown>[] = [base];
  for (const arg of field.args) {
    for (const leaf of leaves(arg.type)) {
      const hostile = isEnumType(leaf.type)
        ? ["NOT_A_VALUE", 1, null]
        : isScalarType(leaf.type)
          ? (HOSTILE_SCALARS[leaf.type.name] ?? ["x".repeat(10_000)])
          : [];
      for (const value of hostile) variants.push(setAt(base, [arg.name, ...leaf.path], value));
    }
    variants.push({ ...base, [arg.name]: null });
  }
  return variants;
}

function selectionOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  return isObjectType(named) ? "{ __typename }" : "";
}

function operation(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const definitions = field.args.map((arg: GraphQLArgument) => `$${arg.name}: ${arg.type.toString()}`);
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  return `${kind}${definitions.length ? `(${definitions.join(", ")})` : ""} { ${field.name}${
    args.length ? `(${args.join(", ")})` : ""
  } ${selectionOf(field.type)} }`;
}

/** Spreads variants evenly: at most `limit` of them, always the first (valid) one. */
function sample<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]);
}

type Caller = Role | "public";
const CALLERS: Caller[] = [...ROLES, "public"];
const callAs = (caller: Caller): CallAs =>
  caller === "public"
    ? null
    : {
        roles: [caller],
        sub: "00000000-0000-4000-8000-00000000ab01",
        facility_id: "00000000-0000-4000-8000-000000000f01",
      };

// ---------------------------------------------------------------------------------------------

describe("hostile requests", () => {
  it("transport: methods, content types, bodies, paths", async () => {
    const mark = problems.length;
    const bodies: (string | Buffer)[] = [
      "",
      "{",
      "null",
      "[]",
      "[1, 2]",
      "42",
      '"query"',
      "{}",
      '{"query": null}',
      '{"query": 42}',
      '{"query": {}}',
      '{"query": ["{ agreements { id } }"]}',
      '{"query": "{ agreements { id } }", "variables": "x"}',
      '{"query": "{ agreements { id } }", "variables": [1]}',
      '{"query": "{ agreements { id } }", "operationName": 7}',
      '{"query": "{ agreements { id } }", "extensions": "x"}',
      '{"query": "{ agreements { id } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "x"}}}',
      '{"query": "{ agreements { id } }", "extensions": {"headers": {"authorization": "Bearer x"}}}',
      '{"documentId": "__proto__"}',
      '{"documentId": "constructor"}',
      '{"documentId": ""}',
      '{"documentId": 12}',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
      `{"query": "${"{ ".repeat(5_000)}"}`,
      '{"__proto__": {"polluted": true}, "query": "{ agreements { id } }"}',
      JSON.stringify(Array.from({ length: 11 }, () => ({ query: "{ agreements { id } }" }))),
      JSON.stringify(Array.from({ length: 200 }, () => ({ query: "{ agreements { id } }" }))),
      // JSON nested far deeper than any input type, where a recursive step would overflow.
      ...[40, 5_000, 100_000].flatMap((depth) => [
        `{"query": "{ agreements { id } }", "variables": {"x": ${"[".repeat(depth)}${"]".repeat(depth)}}}`,
        `{"query": "query($n: Int) { facilities { visits(first: $n) { id } } }", "variables": {"n": ${'{"a":'.repeat(depth / 5)}1${"}".repeat(depth / 5)}}}`,
        `{"query": "{ agreements { id } }", "extensions": {"x": ${"[".repeat(depth)}${"]".repeat(depth)}}}`,
        `[{"query": "{ agreements { id } }", "variables": {"x": ${"[".repeat(depth)}${"]".repeat(depth)}}}]`,
      ]),
    ];
    const contentTypes = [
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/graphql",
    ];
    for (const body of bodies) {
      for (const type of contentTypes) {
        await probe(`POST ${type} ${String(body).slice(0, 40)}`, { headers: { "content-type": type }, body });
      }
    }
    for (const accept of [
      "text/event-stream",
      "multipart/mixed",
      "multipart/mixed; deferSpec=20220824",
      "text/event-stream, multipart/mixed",
      "text/event-stream;charset=utf-8, application/json;charset=utf-16",
      "*/*;charset=latin1",
      "",
      "text/*",
    ]) {
      await probe(`POST accept ${accept}`, {
        headers: { "content-type": "application/json", accept },
        body: json({ query: "{ agreements { id } facilities { name } }" }),
      });
      await probe(`GET accept ${accept}`, {
        method: "GET",
        path: "/graphql?query=%7B%20agreements%20%7B%20id%20%7D%20%7D",
        headers: { accept },
      });
    }
    for (const method of ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]) {
      await probe(`${method} /graphql`, { method, headers: { accept: "application/json" } });
    }
    for (const p of [
      "/graphql?query=%7B",
      "/graphql?query=%7B%20agreements%20%7B%20id%20%7D%20%7D&variables=%7B",
      "/graphql?query=mutation%20%7B%20fileComplaint%20%7B%20receiptCode%20%7D%20%7D",
      "/graphql?as=__proto__",
      "/graphql?as=%3C%2Ftitle%3E%3Cscript%3E",
      "/graphql?extensions=%7B",
      `/graphql?query=%7B%20agreements%20%7B%20id%20%7D%20%7D&variables=${encodeURIComponent(`{"x":${"[".repeat(2_000)}${"]".repeat(2_000)}}`)}`,
      "/nope",
      "/readyz?x=1",
      "/healthz/..",
      "/%2e%2e/%2e%2e/etc/passwd",
    ]) {
      await probe(`GET ${p}`, { method: "GET", path: p, headers: { accept: "application/json" } });
      await probe(`GET ${p} as a browser`, { method: "GET", path: p, headers: { accept: "text/html" } });
    }
    for (const header of [
      "",
      " ",
      "Bearer",
      "Bearer ",
      "Bearer x.y.z",
      "Basic dXNlcjpwYXNz",
      "Bearer " + "a".repeat(8_000),
    ]) {
      await probe(`Authorization: ${header.slice(0, 20)}`, {
        headers: { ...POST_JSON, authorization: header },
        body: json({ query: "{ agreements { id } }" }),
      });
    }
    expect(problems.slice(mark)).toEqual([]);
  }, 600_000);

  it("parse and validation: broken, invalid and ambiguous documents", async () => {
    const mark = problems.length;
    const documents = [
      "{",
      "}",
      "{ agreements { id }",
      'query { agreements(id: "unterminated) { id } }',
      "query Q { agreements { id } } query Q { agreements { id } }",
      "query A { agreements { id } } query B { agreements { id } }",
      "{ nope }",
      "{ agreements { nope } }",
      "{ case(id: 1) { id } }",
      "{ case { id } }",
      "{ cases(first: -1) { edges { node { id } } } }",
      "{ cases(first: 100000) { edges { node { id } } } }",
      '{ cases(first: 10, after: "not a cursor") { edges { node { id } } } }',
      '{ cases(first: 10, after: "eyJhIjoxfQ") { edges { node { id } } } }',
      '{ cases(first: 10, after: "WyIyMDI2LTAxLTAxVDAwOjAwOjAwWiIsIjEnIE9SIDE9MSJd") { edges { node { id } } } }',
      "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }",
      "{ ...Unknown }",
      "{ agreements { ... on Case { id } } }",
      "{ __typename @skip }",
      "{ __typename @unknown }",
      `{ __typename ${"@include(if: true) ".repeat(500)}}`,
      "subscription { agreements { id } }",
      "subscription S { __typename }",
      "mutation { __typename }",
      "{ __schema { types { name } } agreements { id } }",
      `{ ${"__schema { types { fields { type { ofType { ofType { ofType { name } } } } } } }"} }`,
      "\u0000{ agreements { id } }",
      `{ ${"a".repeat(100_000)} }`,
      `query(${Array.from({ length: 500 }, (_, i) => `$v${i}: Int`).join(", ")}) { __typename }`,
    ];
    for (const caller of ["public", "mia_officer"] as Caller[]) {
      for (const query of documents) {
        await probe(`${caller}: ${query.slice(0, 60)}`, {
          headers: { ...POST_JSON, ...(await authorization(callAs(caller))) },
          body: json({ query }),
        });
        await probe(`${caller} GET: ${query.slice(0, 60)}`, {
          method: "GET",
          path: `/graphql?query=${encodeURIComponent(query.slice(0, 4_000))}`,
          headers: { accept: "application/json", ...(await authorization(callAs(caller))) },
        });
      }
    }
    expect(problems.slice(mark)).toEqual([]);
  }, 600_000);

  it("cost bombs: cycles, aliases, fragments, introspection, batches", async () => {
    const mark = problems.length;
    const nest = (depth: number, inner: string, wrap: (x: string) => string) => {
      let q = inner;
      for (let i = 0; i < depth; i++) q = wrap(q);
      return q;
    };
    const visitsCycle = (depth: number) =>
      `{ facilities { ${nest(depth, "id", (x) => `visits { facility { ${x} } }`)} } }`;
    const placementCycle = (depth: number) =>
      `{ facilities { ${nest(depth, "id", (x) => `placements(first: 500) { edges { node { case { placements { facility { ${x} } } } } } }`)} } }`;
    const aliases = (n: number, prefix: string) =>
      `{ ${Array.from({ length: n }, (_, i) => `${prefix}${i}: facilities { id name visits { id } }`).join(" ")} }`;
    const fragmentBomb = (levels: number) => {
      const frags = Array.from(
        { length: levels },
        (_, i) => `fragment F${i} on Facility { id ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : "name"} }`,
      );
      return `{ facilities { ...F0 } } ${frags.join(" ")}`;
    };
    const bombs = [
      ...[2, 3, 5, 8].map(visitsCycle),
      ...[1, 2, 3].map(placementCycle),
      aliases(50, "a"),
      aliases(200, "__kgraph"),
      aliases(1_000, "x"),
      fragmentBomb(12),
      fragmentBomb(30),
      `{ ${Array.from({ length: 40 }, (_, i) => `s${i}: __schema { types { fields { args { type { name } } } } }`).join(" ")} }`,
      `{ __type(name: "Case") { ${nest(20, "name", (x) => `fields { type { ${x} } }`)} } }`,
      `{ cases(first: 500) { edges { node { ${nest(6, "id", (x) => `transfer { cases { ${x} } }`)} } } } }`,
      `{ officials(first: 500) { edges { node { attendances { id } certifications { id } compliance { compliant } facility { visits { id findings { id recommendations { id } } } } } } } }`,
    ];
    for (const caller of ["public", "mia_officer", "ombudsperson"] as Caller[]) {
      for (const query of bombs) {
        await probe(`${caller} bomb: ${query.slice(0, 70)}`, {
          headers: { ...POST_JSON, ...(await authorization(callAs(caller))) },
          body: json({ query }),
        });
      }
      await probe(`${caller} batch of 10 bombs`, {
        headers: { ...POST_JSON, ...(await authorization(callAs(caller))) },
        body: json(Array.from({ length: 10 }, () => ({ query: visitsCycle(5) }))),
      });
    }
    expect(problems.slice(mark)).toEqual([]);
  }, 600_000);

  it("every query with hostile arguments, as a restricted role and the public", async () => {
    const mark = problems.length;
    const queries = Object.values(API.getQueryType()!.getFields());
    for (const caller of ["public", "facility_staff", "mia_officer"] as Caller[]) {
      for (const field of queries) {
        for (const variables of sample(hostileVariants(field), 12)) {
          await probe(`${caller} query ${field.name} ${json(variables).slice(0, 80)}`, {
            headers: { ...POST_JSON, ...(await authorization(callAs(caller))) },
            body: json({ query: operation("query", field), variables }),
          });
        }
      }
    }
    expect(problems.slice(mark)).toEqual([]);
  }, 900_000);

  it("every mutation with hostile values as every role and the public; a refused one writes nothing", async () => {
    const mark = problems.length;
    const mutations = Object.values(API.getMutationType()!.getFields());
    for (const caller of CALLERS) {
      for (const field of mutations) {
        for (const variables of sample(hostileVariants(field), 3)) {
          const before = await databaseDigest();
          const res = await probe(`${caller} mutation ${field.name} ${json(variables).slice(0, 80)}`, {
            headers: { ...POST_JSON, ...(await authorization(callAs(caller))) },
            body: json({ query: operation("mutation", field), variables }),
          });
          const refused = !res?.body?.data?.[field.name];
          if (refused && (await databaseDigest()) !== before) {
            problems.push(`${caller} mutation ${field.name}: refused, but the database changed`);
          }
        }
      }
    }
    expect(problems.slice(mark)).toEqual([]);
  }, 1_200_000);

  it("leaves the platform healthy after at least 800 hostile requests", async () => {
    const health = await raw({ method: "GET", path: "/healthz" });
    const ready = await raw({ method: "GET", path: "/readyz" });
    const normal = await platform.gql<{ agreements: { id: string }[] }>("{ agreements { id } }", {}, null);
    expect({ health: health.status, ready: ready.status, normal: normal.status }).toEqual({
      health: 200,
      ready: 200,
      normal: 200,
    });
    expect(normal.data!.agreements.length).toBeGreaterThan(0);
    expect(sent).toBeGreaterThanOrEqual(800);
  });
});
