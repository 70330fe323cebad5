import fs from "node:fs";
import path from "node:path";
import { ROLES, type Role, scopesForClaims } from "@kgraph/policy";
import { Kind, parse, valueFromASTUntyped } from "graphql";
import { buildWorld } from "../../tools/src/seed/world";
import { runSeed } from "../../tools/src/seed/run";
import { describeTokenWall } from "@kgraph/testkit/edge-inputs";
import { type Platform, startPlatform } from "../support/platform";

/**
 * Authorization through the gateway: tokens, field removal before planning, partial data,
 * every door (aliases, fragments, variables, batches), each role's own schema, and the record
 * rules answered with the seeded ground truth. Each subgraph's own tests hold the full
 * role × field table for direct calls.
 */
const CASES = 400;
const world = buildWorld({ cases: CASES });
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }),
    recordHeaders: true,
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function post(body: unknown, authorization?: string) {
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("tokens at the gateway", () => {
  const query = { query: "{ agreements { title } }" };

  it("serves the public graph without a token", async () => {
    const res = await post(query);
    expect(res.status).toBe(200);
    expect(res.body.data.agreements[0].title).toContain("synthetic");
  });

  // One answer for every refused token (issue 8): the reason is in the gateway's log only.
  it.each([
    ["expired", { ttlSeconds: -60 }],
    ["not yet valid", { notBefore: Math.floor(Date.now() / 1000) + 3600 }],
    ["from another issuer", { issuer: "https://elsewhere.example" }],
    ["for another audience", { audience: "another-api" }],
  ])("refuses a token %s with HTTP 401 invalid token", async (_name, options) => {
    const { signToken, DEV_ISSUER, DEFAULT_AUDIENCE } = await import("@kgraph/platform");
    const token = await signToken(
      platform.auth.keys.issuer.privateJwk,
      { sub: "x", roles: ["mia_officer"] },
      { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 600, ...options },
    );
    const res = await post(query, `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }]);
  });

  it("refuses a token signed by another key, an alg:none token and a malformed one with HTTP 401", async () => {
    const { signToken, generateKeyPairJwk, DEV_ISSUER, DEFAULT_AUDIENCE } = await import("@kgraph/platform");
    const stranger = await generateKeyPairJwk(platform.auth.keys.issuer.privateJwk.kid as string);
    const forged = await signToken(
      stranger.privateJwk,
      { sub: "x", roles: ["ombudsperson"] },
      {
        issuer: DEV_ISSUER,
        audience: DEFAULT_AUDIENCE,
        ttlSeconds: 600,
      },
    );
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "x", roles: ["ombudsperson"], iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, exp: now + 600 })}.`;
    for (const authorization of [`Bearer ${forged}`, `Bearer ${none}`, "Bearer not-a-jwt"]) {
      const res = await post(query, authorization);
      expect(res.status).toBe(401);
      expect(res.body.errors).toEqual([{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }]);
    }
  });

  describeTokenWall(
    "the gateway",
    () => platform.gatewayUrl,
    () => platform.auth,
  );

  it("does not accept the gateway's own public token from a caller", async () => {
    const res = await post(query, `Bearer ${await platform.auth.publicToken()}`);
    expect(res.status).toBe(401);
  });
});

describe("fields removed before planning", () => {
  it("answers a public caller's protected field with UNAUTHENTICATED at its path, and the rest of the query", async () => {
    const res = await platform.gql(`{ agreements { title } cases(first: 1) { edges { node { id } } } }`, {}, null);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ agreements: [expect.objectContaining({ title: expect.any(String) })], cases: null });
    expect(res.errors).toEqual([expect.objectContaining({ path: ["cases"], extensions: { code: "UNAUTHENTICATED" } })]);
  });

  it("removes a monitor's person field: null with UNAUTHORIZED_FIELD_OR_TYPE, HTTP 200, and the subgraph is never asked for it", async () => {
    for (const proxy of Object.values(platform.proxies)) {
      proxy.seen.length = 0;
      proxy.bodies.length = 0;
    }
    const res = await platform.gql(
      `query Monitor($n: Int!) { cases(first: $n) { edges { node { caseNumber subjectRef person { familyName } } } } }`,
      { n: 2 },
      "monitor",
    );
    expect(res.status).toBe(200);
    const nodes = res.data!.cases.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      expect(node.caseNumber).toMatch(/^RKS-/);
      expect(node.person).toBeNull();
    }
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ["cases", "edges", 0, "node", "person"],
        extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" },
      }),
      expect.objectContaining({
        path: ["cases", "edges", 1, "node", "person"],
        extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" },
      }),
    ]);
    expect(platform.proxies.cases.bodies.length).toBeGreaterThan(0);
    for (const body of platform.proxies.cases.bodies) expect(body).not.toMatch(/person|familyName/);
  });

  it.each([
    ["an alias", `{ cases(first: 1) { edges { node { who: person { name: familyName } } } } }`],
    ["a fragment", `{ cases(first: 1) { edges { node { ...P } } } } fragment P on Case { person { familyName } }`],
    ["an inline fragment", `{ cases(first: 1) { edges { node { ... on Case { person { familyName } } } } } }`],
    ["a variable-driven query", `query($id: ID!) { case(id: $id) { person { familyName } } }`],
    [
      "an entity reference",
      `{ facilities { placements(first: 1) { edges { node { case { person { familyName } } } } } } }`,
    ],
  ])("denies a monitor the person's name through %s", async (_door, query) => {
    const res = await platform.gql(query, { id: world.cases[0].id }, "monitor");
    expect(JSON.stringify(res.data ?? {})).not.toMatch(/familyName|"name"/);
    for (const name of world.cases.map((c) => c.familyName))
      expect(JSON.stringify(res.data ?? {})).not.toContain(`"${name}"`);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.errors!.every((e) => ["UNAUTHORIZED_FIELD_OR_TYPE"].includes(e.extensions?.code as string))).toBe(true);
  });

  it("sends the subgraphs no hidden marker where nothing was removed, and keeps one only where a removal empties a selection", async () => {
    const bodies = async (query: string, as: Parameters<Platform["gql"]>[2]) => {
      for (const proxy of Object.values(platform.proxies)) proxy.bodies.length = 0;
      const res = await platform.gql(query, {}, as);
      return { res, sent: Object.values(platform.proxies).flatMap((proxy) => proxy.bodies) };
    };
    // An officer sees every field asked for: no subgraph request carries a marker, nor the answer.
    const full = await bodies(
      `{ cases(first: 2) { edges { node { caseNumber person { familyName } currentPlacement { facility { name } } } } } }`,
      "mia_officer",
    );
    expect(full.res.errors).toBeUndefined();
    expect(full.sent.length).toBeGreaterThan(1);
    for (const body of full.sent) expect(body).not.toContain("__kgraphKeep");
    expect(JSON.stringify(full.res.data)).not.toContain("__kgraphKeep");
    // A monitor's node whose only field is removed keeps its place by its marker, asked of the
    // cases subgraph and taken out of the answer: each item is there, its person null.
    const emptied = await bodies(`{ cases(first: 2) { edges { node { person { familyName } } } } }`, "monitor");
    expect(emptied.res.data).toEqual({ cases: { edges: [{ node: { person: null } }, { node: { person: null } }] } });
    expect(emptied.sent.some((body) => body.includes("__kgraphKeep"))).toBe(true);
    // A caller's own field under the marker's alias is left out of the answer, as before.
    const own = await bodies(`{ agreements { __kgraphKeep: title id } }`, "mia_officer");
    expect(own.res.errors).toBeUndefined();
    expect(own.res.data!.agreements[0]).toEqual({ id: expect.any(String) });
  });

  it("applies the same rules to every operation of a batched request", async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: (await platform.auth.authorization("monitor"))! },
      body: JSON.stringify([
        { query: "{ agreements { title } }" },
        { query: "{ cases(first: 1) { edges { node { person { familyName } } } } }" },
      ]),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any[];
    expect(body[0].data.agreements.length).toBeGreaterThan(0);
    expect(body[1].data.cases.edges[0].node.person).toBeNull();
    expect(body[1].errors[0].extensions.code).toBe("UNAUTHORIZED_FIELD_OR_TYPE");
  });
});

describe("answers shaped by the subgraphs' data, not by the removed fields", () => {
  /** Every path in `value` at which `key` occurs, list indexes as numbers. */
  const pathsOf = (value: unknown, key: string, prefix: (string | number)[] = []): (string | number)[][] => {
    if (Array.isArray(value)) return value.flatMap((item, i) => pathsOf(item, key, [...prefix, i]));
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k === key ? [[...prefix, k]] : []),
      ...pathsOf(v, key, [...prefix, k]),
    ]);
  };

  it("answers facility staff `case: null` for a case of another facility or none, the removed `detail` below a list inventing nothing", async () => {
    const facility = world.facilities[0];
    const staff = { roles: ["facility_staff"], facility_id: facility.id, sub: "staff-shapes" } as const;
    const elsewhere = world.cases.find((c) => c.placements.every((p) => p.facilityId !== facility.id))!;
    const own = world.cases.find((c) => c.placements.some((p) => p.facilityId === facility.id))!;
    const q = `query($id: ID!) { case(id: $id) { id vulnerabilityFlags { code detail } } }`;
    for (const id of [elsewhere.id, "00000000-0000-4000-8000-000000000000"]) {
      const res = await platform.gql(q, { id }, staff as never);
      expect(res.data).toEqual({ case: null });
      for (const error of res.errors ?? []) expect(error.path).toBeUndefined();
    }
    // Its own resident's case: the subgraph's flags, each with `detail` null and an error at its index.
    const allowed = await platform.gql(
      `query($id: ID!) { case(id: $id) { id vulnerabilityFlags { code } } }`,
      { id: own.id },
      staff as never,
    );
    const res = await platform.gql(q, { id: own.id }, staff as never);
    const flags = allowed.data!.case.vulnerabilityFlags as { code: string }[];
    expect(res.data).toEqual({ case: { id: own.id, vulnerabilityFlags: flags.map((f) => ({ ...f, detail: null })) } });
    expect((res.errors ?? []).map((e) => e.path)).toEqual(
      flags.map((_f, i) => ["case", "vulnerabilityFlags", i, "detail"]),
    );
  });

  it("answers a removed field inside a union's fragment only for objects of that type, with their real fields", async () => {
    const select = (decisions: string) =>
      `{ actionItems(first: 40) { edges { node { id concerns { __typename ... on CaseReview { id heldAt ${decisions} } } } } } }`;
    const allowed = await platform.gql(select(""), {}, "monitor");
    expect(allowed.errors).toBeUndefined();
    const res = await platform.gql(select("decisions { code }"), {}, "monitor");
    const expected = structuredClone(allowed.data!);
    const reviews = pathsOf(expected, "__typename").filter((path) => {
      const concern = path.slice(0, -1).reduce((v: any, k) => v[k], expected);
      if (concern.__typename !== "CaseReview") return false;
      concern.decisions = null;
      return true;
    });
    expect(reviews.length).toBeGreaterThan(0);
    expect(
      expected.actionItems.edges.some(
        (e: any) => e.node.concerns === null || e.node.concerns.__typename !== "CaseReview",
      ),
    ).toBe(true);
    expect(res.data).toEqual(expected);
    expect(res.errors!.map((e) => e.path)).toEqual(reviews.map((path) => [...path.slice(0, -1), "decisions"]));
    expect(res.errors!.every((e) => e.extensions?.code === "UNAUTHORIZED_FIELD_OR_TYPE")).toBe(true);
  });

  it("never shows the hidden marker: single, batched and GET requests, public and signed in", async () => {
    const operations = [
      "{ agreements { id } }",
      "{ cases(first: 1) { edges { node { id } } } }",
      "{ facilities { ... on Facility { id } } }",
      "{ actionItems(first: 3) { edges { node { concerns { ... on Case { person { familyName } } ... on CaseReview { decisions { code } } } } } } }",
    ];
    for (const as of [null, "monitor", "mia_officer"] as const) {
      const authorization = as ? await platform.auth.authorization(as) : undefined;
      const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
      const batched = await fetch(platform.gatewayUrl, {
        method: "POST",
        headers,
        body: JSON.stringify(operations.map((query) => ({ query }))),
      });
      const texts = [await batched.text()];
      for (const query of operations) {
        const single = await fetch(platform.gatewayUrl, { method: "POST", headers, body: JSON.stringify({ query }) });
        const get = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent(query)}`, { headers });
        texts.push(await single.text(), await get.text());
      }
      for (const text of texts) expect(text).not.toContain("__kgraphKeep");
      // The public caller's removed `cases` is null, the answer's only key, in the batch as alone.
      if (as === null) {
        const batch = JSON.parse(texts[0]);
        expect(batch[1].data).toEqual({ cases: null });
        expect(batch[1].errors).toEqual([
          expect.objectContaining({ path: ["cases"], extensions: { code: "UNAUTHENTICATED" } }),
        ]);
      }
    }
  });
});

/** Every object field of the composed graph and the scopes it needs (null: public; [[]]: any signed-in caller). */
const SUPERGRAPH_REQUIREMENTS = (() => {
  const document = parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"));
  const map = new Map<string, string[][] | null>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || /^(_|join__|link__)/.test(def.name.value)) continue;
    for (const field of def.fields ?? []) {
      if (field.name.value.startsWith("_")) continue;
      const directive = field.directives?.find((d) => d.name.value === "requiresScopes");
      const value = directive?.arguments?.find((a) => a.name.value === "scopes")?.value;
      const signedIn = field.directives?.some((d) => d.name.value === "authenticated");
      map.set(
        `${def.name.value}.${field.name.value}`,
        value ? (valueFromASTUntyped(value) as string[][]) : signedIn ? [[]] : null,
      );
    }
  }
  return map;
})();

describe("each role sees its own schema", () => {
  const INTROSPECT = `{ __schema { queryType { fields { name } } types { name kind fields(includeDeprecated: true) { name } } } }`;

  async function visibleFields(as: Parameters<Platform["gql"]>[2]) {
    const res = await platform.gql(INTROSPECT, {}, as);
    expect(res.errors).toBeUndefined();
    const fields = new Set<string>();
    for (const type of res.data!.__schema.types)
      for (const f of type.fields ?? []) fields.add(`${type.name}.${f.name}`);
    return fields;
  }

  it("shows the public no protected field", async () => {
    const fields = await visibleFields(null);
    expect(fields.has("Query.agreements")).toBe(true);
    expect(fields.has("Query.facilities")).toBe(true);
    expect(fields.has("Query.cases")).toBe(false);
    expect(fields.has("Case.person")).toBe(false);
    expect([...fields].some((f) => f.startsWith("Person."))).toBe(false);
    const publicFields = [...SUPERGRAPH_REQUIREMENTS].filter(([, required]) => !required).map(([f]) => f);
    const shownTypes = new Set([...fields].map((f) => f.split(".")[0]));
    expect([...fields].filter((f) => SUPERGRAPH_REQUIREMENTS.has(f)).sort()).toEqual(
      publicFields.filter((f) => shownTypes.has(f.split(".")[0])).sort(),
    );
  });

  it.each(ROLES.map((r) => [r]))("shows %s every field its scopes allow and no other, type by type", async (role) => {
    const scopes = scopesForClaims({ roles: [role] });
    const visible = await visibleFields(role as Role);
    const shownTypes = new Set([...visible].map((f) => f.split(".")[0]));
    const expected = new Set<string>();
    for (const [field, required] of SUPERGRAPH_REQUIREMENTS) {
      if (!shownTypes.has(field.split(".")[0])) continue;
      if (!required || required.some((all) => all.every((scope) => scopes.includes(scope as never))))
        expected.add(field);
    }
    const shown = [...visible].filter((f) => SUPERGRAPH_REQUIREMENTS.has(f)).sort();
    expect(shown).toEqual([...expected].sort());
  });

  it.each(ROLES.map((r) => [r]))("shows %s the fields it needs, by name", async (role) => {
    const fields = await visibleFields(role as Role);
    const scopes = scopesForClaims({ roles: [role] });
    expect(fields.has("Case.person")).toBe(scopes.includes("person:read") && scopes.includes("case:read"));
    expect(fields.has("Person.identityDocuments")).toBe(scopes.includes("person:documents:read"));
    expect(fields.has("Query.auditTrail")).toBe(scopes.includes("audit:read"));
    expect(fields.has("Complaint.complainantName")).toBe(scopes.includes("complaint:identity:read"));
    expect(fields.has("Mutation.nominateCase")).toBe(scopes.includes("case:write"));
    expect(fields.has("Query.agreements")).toBe(true);
  });
});

describe("record rules through the gateway", () => {
  async function allCaseIds(as: Parameters<Platform["gql"]>[2]): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await platform.gql(
        `query($after: String) { cases(first: 500, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        as,
      );
      expect(res.errors).toBeUndefined();
      ids.push(...res.data.cases.edges.map((e: any) => e.node.id));
      if (!res.data.cases.pageInfo.hasNextPage) return ids.sort();
      after = res.data.cases.pageInfo.endCursor;
    }
  }

  it("gives counsel exactly their clients' cases", async () => {
    const counselId = world.counselIds[0];
    // Counsel of record while the case is open: representation ends when the case closes.
    const expected = world.cases
      .filter((c) => c.counselId === counselId && c.closedAt === null)
      .map((c) => c.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await allCaseIds({ roles: ["legal_counsel"], sub: counselId })).toEqual(expected);
  });

  it("gives facility staff exactly the people ever placed in their facility", async () => {
    const facility = world.facilities[0];
    const expected = world.cases
      .filter((c) => c.placements.some((p) => p.facilityId === facility.id))
      .map((c) => c.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await allCaseIds({ roles: ["facility_staff"], facility_id: facility.id, sub: "staff-1" })).toEqual(expected);
  });

  it("shows DHS a person's identity before handover and not after", async () => {
    const before = world.cases.find((c) => c.status === "IN_TRANSIT" || c.status === "ACCEPTED")!;
    const after = world.cases.find((c) => c.arrivedAt !== null)!;
    const q = `query($id: ID!) { case(id: $id) { status person { familyName } } }`;
    const early = await platform.gql(q, { id: before.id }, "dhs_liaison");
    expect(early.data!.case.person).toEqual({ familyName: before.familyName });
    const late = await platform.gql(q, { id: after.id }, "dhs_liaison");
    expect(late.data!.case.status).toBe(after.status);
    expect(late.data!.case.person).toBeNull();
  });
});

describe("GraphiQL in development", () => {
  it("opens with a fresh token for the role picked, and offers every role", async () => {
    const base = new URL(platform.gatewayUrl);
    const page = await fetch(new URL("/graphql?as=monitor", base), { headers: { accept: "text/html" } });
    const html = await page.text();
    expect(html).toContain("View as");
    for (const role of ROLES) expect(html).toContain(`<option value="${role}"`);
    const token = /Bearer (ey[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(html)?.[1];
    expect(token).toBeDefined();
    const res = await post(
      { query: "{ cases(first: 1) { edges { node { caseNumber person { familyName } } } } }" },
      `Bearer ${token}`,
    );
    expect(res.body.data.cases.edges[0].node.caseNumber).toMatch(/^RKS-/);
    expect(res.body.errors[0].extensions.code).toBe("UNAUTHORIZED_FIELD_OR_TYPE");
  });
});
