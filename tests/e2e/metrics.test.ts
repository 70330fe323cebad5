import fs from "node:fs";
import { parse as parseYaml } from "yaml";
import path from "node:path";
import { runSeed } from "../../tools/src/seed/run";
import { SUBGRAPH_NAMES } from "../../tools/src/subgraphs";
import { buildWorld } from "../../tools/src/seed/world";
import { type Platform, startPlatform } from "../support/platform";

/**
 * Prometheus metrics: the gateway and every subgraph serve `/metrics` on listeners of their own,
 * and every metric the Grafana dashboard (deploy/grafana/) draws is in their scrapes.
 */
const CASES = 6;
const world = buildWorld({ cases: CASES });
const DASHBOARD = path.resolve(__dirname, "..", "..", "deploy", "grafana", "kgraph-dashboard.json");
const ALERTS = path.resolve(__dirname, "..", "..", "deploy", "prometheus", "alerts.yml");
const METRIC_NAME = /\b(?:kgraph|graphql|process|nodejs)_[a-z0-9_]+/g;

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }),
    metrics: true,
    gatewayEnv: { LIMIT_REQUESTS_PER_MINUTE: "25", LIMIT_MAX_COST_PUBLIC: "5" },
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

/** Sample names (`name` or `name{labels}`) and their values from Prometheus's text format. */
function samples(text: string): { name: string; labels: string; value: number }[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      return { name: match[1], labels: match[2] ?? "", value: Number(match[3]) };
    });
}

async function scrape(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return samples(await response.text());
}

/** Every metric name the dashboard's panels query, per panel title. */
function dashboardMetrics(): Map<string, string[]> {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, "utf8")) as {
    panels: { title: string; type: string; targets?: { expr: string }[] }[];
  };
  const byPanel = new Map<string, string[]>();
  for (const panel of dashboard.panels.filter((p) => p.type !== "row")) {
    const names = (panel.targets ?? []).flatMap((t) => [...t.expr.matchAll(METRIC_NAME)].map((m) => m[0]));
    byPanel.set(panel.title, names);
  }
  return byPanel;
}

/** Every metric name each alerting rule's expression uses, per alert. */
function alertMetrics(): Map<string, string[]> {
  const rules = parseYaml(fs.readFileSync(ALERTS, "utf8")) as {
    groups: { rules: { alert: string; expr: string }[] }[];
  };
  return new Map(
    rules.groups
      .flatMap((g) => g.rules)
      .map((r) => [`alert ${r.alert}`, [...r.expr.matchAll(METRIC_NAME)].map((m) => m[0])]),
  );
}

it("serves every metric the dashboard draws and the alerts watch, after a little traffic including refusals", async () => {
  // A read of audited fields (an audit event), a query a subgraph answers with an error, one the
  // gateway refuses as invalid, one over the public cost budget, and a caller over the rate limit.
  const subject = world.cases[1];
  const read = await platform.gql(
    `query MetricsRead($id: ID!) { case(id: $id) { caseNumber person { familyName } } }`,
    { id: subject.id },
    { roles: ["ombudsperson"], sub: "metrics-ombuds" },
  );
  expect(read.errors).toBeUndefined();
  const failing = await platform.gql(`query MetricsFailing { case(id: "not-a-uuid") { caseNumber } }`);
  expect(failing.errors?.length).toBeGreaterThan(0);
  // A client's own operation name (free text: the probe's was a person's name), and a trusted
  // document's name.
  const asOmbuds = { roles: ["ombudsperson"], sub: "metrics-ombuds" };
  expect(
    (await platform.gql(`query Hana_Fakhri_RKS_2026_001200 { agreements { id } }`, {}, asOmbuds)).errors,
  ).toBeUndefined();
  expect((await platform.gql(`query ProgrammeStatistics { agreements { id } }`, {}, asOmbuds)).errors).toBeUndefined();
  const invalid = await platform.gql(`query MetricsInvalid { noSuchField }`);
  expect(invalid.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  const expensive = await platform.gql(`{ agreements { id } facilities { id } }`, {}, null);
  expect(expensive.errors?.[0].extensions?.code).toBe("COST_ESTIMATED_TOO_EXPENSIVE");
  const statuses: number[] = [];
  const authorization = await platform.auth.authorization({ roles: ["auditor"], sub: "metrics-flood" });
  for (let i = 0; i < 30; i++) {
    const response = await fetch(platform.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: authorization! },
      body: JSON.stringify({ query: "query MetricsFlood { agreements { id } }" }),
    });
    statuses.push(response.status);
    await response.body?.cancel();
  }
  expect(statuses).toContain(429);
  // A caller other than the gateway, refused by a subgraph (its errors by code).
  const direct = await fetch(platform.subgraphUrls.cases, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  expect(direct.status).toBe(403);

  const gateway = await scrape(platform.gatewayMetricsUrl);
  const subgraphs = await Promise.all(Object.values(platform.subgraphMetricsUrls).map(scrape));
  expect(Object.keys(platform.subgraphMetricsUrls).sort()).toEqual(SUBGRAPH_NAMES.slice().sort());
  const scraped = new Set([...gateway, ...subgraphs.flat()].map((s) => s.name));

  const missing: string[] = [];
  for (const [title, names] of [...dashboardMetrics(), ...alertMetrics()]) {
    expect({ title, names: names.length > 0 }).toEqual({ title, names: true });
    for (const name of names) if (!scraped.has(name)) missing.push(`${title}: ${name}`);
  }
  expect(missing).toEqual([]);

  const value = (list: typeof gateway, name: string, labels: string) =>
    list.filter((s) => s.name === name && labels.split(",").every((l) => s.labels.includes(l)));
  expect(value(gateway, "kgraph_gateway_refusals_total", 'code="RATE_LIMITED"')[0].value).toBeGreaterThanOrEqual(1);
  expect(value(gateway, "kgraph_gateway_refusals_total", 'code="COST_ESTIMATED_TOO_EXPENSIVE"')[0].value).toBe(1);
  expect(value(gateway, "kgraph_gateway_estimated_cost_count", 'caller="public"')[0].value).toBe(1);
  // Labelled by name only when the name is a trusted document's: a client's own is `other`.
  expect(value(gateway, "graphql_envelop_request", 'operationName="MetricsRead"')).toEqual([]);
  expect(value(gateway, "graphql_envelop_request", 'operationName="ProgrammeStatistics"')[0].value).toBe(1);
  expect(
    value(gateway, "graphql_envelop_request", 'operationName="other"').reduce((sum, s) => sum + s.value, 0),
  ).toBeGreaterThanOrEqual(1);
  expect(
    value(gateway, "graphql_envelop_error_result", 'phase="validate",code="GRAPHQL_VALIDATION_FAILED"')[0].value,
  ).toBe(1);
  expect(value(gateway, "graphql_gateway_subgraph_execute_errors", 'subgraphName="cases"')[0].value).toBe(1);
  const cases = subgraphs[Object.keys(platform.subgraphMetricsUrls).indexOf("cases")];
  expect(value(cases, "kgraph_subgraph_migrations", 'state="pending"')[0].value).toBe(0);
  expect(value(cases, "kgraph_subgraph_migrations", 'state="applied"')[0].value).toBeGreaterThan(0);
  expect(value(cases, "kgraph_subgraph_seeded", 'subgraph="cases"')[0].value).toBe(1);
  expect(value(cases, "kgraph_subgraph_audit_chain_length", 'subgraph="cases"')[0].value).toBeGreaterThanOrEqual(1);
  expect(value(cases, "kgraph_subgraph_errors_total", 'code="FORBIDDEN"')[0].value).toBe(1);
  expect(value(cases, "kgraph_subgraph_errors_total", 'code="BAD_USER_INPUT"')[0].value).toBe(1);
  // Named by the root fields it executed, never by the client's name for it.
  // MetricsRead and MetricsFailing both execute `case`.
  expect(value(cases, "kgraph_subgraph_operations_total", 'operation="case"')[0].value).toBe(2);
  expect(value(cases, "kgraph_subgraph_operations_total", 'operation="MetricsRead"')).toEqual([]);
  expect(value(cases, "kgraph_subgraph_audit_write_duration_seconds_count", 'kind="READ"')[0].value).toBe(1);
  // No label carries a caller: neither the token subjects above nor the case id, nor a name a
  // client chose for its operation (probe 3, L1: a public caller's operation named after a person).
  const all = [...gateway, ...subgraphs.flat()].map((s) => s.labels).join("\n");
  expect(all).not.toMatch(/metrics-ombuds|metrics-flood|not-a-uuid|MetricsRead|Hana_Fakhri/);
  expect(all).not.toContain(subject.id);
}, 60_000);

it("does not serve /metrics on the public ports", async () => {
  const publicGateway = await fetch(new URL("/metrics", platform.gatewayUrl));
  const body = await publicGateway.text();
  expect(body).not.toContain("# HELP");
  expect(publicGateway.status).toBe(404);
  const publicSubgraph = await fetch(new URL("/metrics", platform.subgraphUrls.cases));
  expect(publicSubgraph.status).toBe(404);
  expect(await publicSubgraph.text()).not.toContain("# HELP");
});
