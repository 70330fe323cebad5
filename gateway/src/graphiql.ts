import { DEFAULT_AUDIENCE, DEV_ISSUER, type JWK, readDevKeys, signToken } from "@kgraph/platform/dist/edge";
import { ROLES } from "@kgraph/policy";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import type { renderGraphiQL as RenderGraphiQL } from "@graphql-yoga/render-graphiql";

type GraphiQLOptions = Parameters<typeof RenderGraphiQL>[0];

/**
 * The GraphiQL renderer, loaded on the first page asked for: it carries every GraphiQL asset
 * inline (a 9 MB module), which held about 60 MB of the gateway's memory from start-up
 * (measured: +63 MB RSS, +33 MB heap on `require`) although most gateways never serve a page.
 */
let renderer: typeof RenderGraphiQL | undefined;
function loadRenderer(): typeof RenderGraphiQL {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  renderer ??= (require("@graphql-yoga/render-graphiql") as { renderGraphiQL: typeof RenderGraphiQL }).renderGraphiQL;
  return renderer;
}

const TITLE = "Kosovo reception programme graph";

/** Example operations GraphiQL opens with, per role (files in documents/, the client's operations). */
const EXAMPLES: Record<string, string[]> = {
  public: ["facility-conditions", "programme-statistics", "file-complaint"],
  mia_officer: ["case-dashboard", "case-file"],
  dhs_liaison: ["case-dashboard"],
  facility_staff: ["staff-compliance", "case-dashboard"],
  legal_counsel: ["case-dashboard", "case-file"],
  monitor: ["facility-conditions", "monitor-visit-report"],
  ombudsperson: ["case-file", "audit-trail"],
  auditor: ["audit-trail"],
  training_admin: ["staff-compliance"],
};

const INTRO = `# The programme graph: four subgraphs, one query. The docs (left) show exactly what your role
# may query; a field your role may not see comes back null with an error at its path.
`;

/** Variables each example opens with; ids to fill in are named as such. */
const EXAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  "case-dashboard": { first: 10 },
  "case-file": { id: "<a case id from the dashboard>" },
  "staff-compliance": { facilityId: "<a facility id from FacilityConditions>", first: 20 },
  "programme-statistics": { from: "2025-09", to: "2026-11" },
  "file-complaint": {
    input: { channel: "WEB", category: "LIVING_CONDITIONS", text: "Describe what happened.", anonymous: true },
    receiptCode: "<the receipt code FileComplaint returned>",
  },
  "monitor-visit-report": { id: "<a visit id from FacilityConditions>" },
  "audit-trail": { first: 20 },
};

export interface ExampleTab {
  query: string;
  variables: string;
}

/** The example tabs for a role, read once from documents/ (the generated client's operations). */
export function exampleTabs(documentsDir: string): (role: string | null) => ExampleTab[] {
  const cache = new Map<string, ExampleTab[]>();
  return (role) => {
    const key = role && Object.hasOwn(EXAMPLES, role) ? role : "public";
    let tabs = cache.get(key);
    if (!tabs) {
      const who = key === "public" ? "the public (no token)" : key;
      tabs = EXAMPLES[key]
        .map((name) => ({ name, file: path.join(documentsDir, `${name}.graphql`) }))
        .filter(({ file }) => fs.existsSync(file))
        .map(({ name, file }) => ({
          query: `${INTRO}# Viewing as ${who}.\n\n${fs.readFileSync(file, "utf8").trim()}\n`,
          variables: JSON.stringify(EXAMPLE_VARIABLES[name] ?? {}, null, 2),
        }));
      cache.set(key, tabs);
    }
    return tabs;
  };
}

/** `?as=` names a known role, or nothing: any other value is ignored, never echoed. */
function roleParam(request: Request): string | null {
  const role = new URL(request.url).searchParams.get("as");
  return role !== null && (ROLES as readonly string[]).includes(role) ? role : null;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const isLoopbackAddress = (address: string | undefined) =>
  address !== undefined && (/^(::ffff:)?127\./.test(address) || address === "::1");

/**
 * Headers a proxy or load balancer writes for the client it relays. A request carrying any of them
 * came through one, so its loopback peer says nothing about where the caller is (probe 3, M3: a
 * same-host reverse proxy relayed `?as=ombudsperson` from anywhere, with the Host it was given).
 */
export const FORWARDING_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-forwarded-server",
  "x-real-ip",
  "x-client-ip",
  "x-cluster-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-original-forwarded-for",
  "via",
];

/**
 * A request from this machine itself, not relayed: the connection comes from loopback, names a
 * loopback host (a DNS-rebound name is not one), and carries no header a proxy writes.
 */
function isProvablyLocal(request: Request, req: IncomingMessage | undefined): boolean {
  if (!isLoopbackAddress(req?.socket.remoteAddress)) return false;
  if (!LOOPBACK_HOSTS.has(new URL(request.url).hostname)) return false;
  return FORWARDING_HEADERS.every((header) => !request.headers.has(header));
}

/**
 * A development token goes only to someone at this machine opening the page themself: the request
 * is provably local (`isProvablyLocal`), and the browser says it is not from another site
 * (`Sec-Fetch-Site`, `Origin`). Another web page the developer has open must never get one.
 */
function mayMintDevelopmentToken(request: Request, req: IncomingMessage | undefined): boolean {
  const url = new URL(request.url);
  if (!isProvablyLocal(request, req)) return false;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== url.origin) return false;
  const site = request.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page's Content-Security-Policy: scripts only with this response's nonce (GraphiQL's bundle
 * and ours are inline); Monaco's editor workers are created from blob: URLs and its styles are
 * injected at run time (so inline styles are allowed); it talks only to this gateway.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "worker-src blob:",
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

type PageOptions = NonNullable<GraphiQLOptions> & { cspNonce?: string };

/**
 * GraphiQL, inlined (no CDN: it works offline). `?as=<role>` opens it with that role's example
 * operations. In development (the local issuer's keys are at hand) it also puts a fresh one-hour
 * token for the role in the headers, for a same-origin request over loopback only (see
 * `mayMintDevelopmentToken`), and shows a role picker. In production it never mints tokens.
 * Every page carries a CSP with a fresh nonce: `options` makes the page's options, `render` the
 * HTML, and `plugin` sends the policy with the page it belongs to.
 */
export function createGraphiQL(settings: { devKeysFile?: string; documentsDir: string; development: boolean }) {
  const issuerKey: JWK | undefined =
    settings.development && settings.devKeysFile ? readDevKeys(settings.devKeysFile).issuer.privateJwk : undefined;
  const examples = exampleTabs(settings.documentsDir);
  const nonces = new WeakMap<Request, string>();

  const options = async (request: Request, serverContext?: { req?: IncomingMessage }): Promise<PageOptions> => {
    const role = roleParam(request);
    let headers = "{}";
    if (issuerKey && role && mayMintDevelopmentToken(request, serverContext?.req)) {
      const token = await signToken(
        issuerKey,
        { sub: `graphiql-${role}`, roles: [role] },
        { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 3600 },
      );
      headers = JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
    }
    const cspNonce = randomBytes(16).toString("base64");
    nonces.set(request, cspNonce);
    return {
      title: role ? `${TITLE} — as ${role}` : TITLE,
      defaultTabs: examples(role).map((tab) => ({ ...tab, headers })),
      headers,
      defaultEditorToolsVisibility: "variables",
      cspNonce,
    };
  };

  const render = ({ cspNonce, ...pageOptions }: PageOptions): string => {
    const nonce = `nonce="${cspNonce}"`;
    // The title is built from constants and a known role; escaped all the same.
    const html = loadRenderer()({ ...pageOptions, title: escapeHtml(pageOptions.title ?? TITLE) }).replace(
      "<script>",
      `<script ${nonce}>`,
    );
    if (!issuerKey) return html;
    const current = roleOfTitle(pageOptions.title);
    const choices = ["", ...ROLES]
      .map(
        (role) =>
          `<option value="${role}"${role === current ? " selected" : ""}>${role || "public (no token)"}</option>`,
      )
      .join("");
    const picker = `<div id="kgraph-role-picker" style="position:fixed;right:16px;bottom:16px;z-index:10;background:#fff;border:1px solid #ccc;border-radius:6px;padding:6px 10px;font:13px system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.15)">
<label>View as <select id="kgraph-role" aria-label="Role">${choices}</select></label> <small>(development tokens)</small></div>
<script ${nonce}>
document.getElementById("kgraph-role").addEventListener("change", function (e) {
  Object.keys(localStorage).filter(function (k) { return k.indexOf("graphiql") === 0; }).forEach(function (k) { localStorage.removeItem(k); });
  var url = new URL(location.href);
  if (e.target.value) url.searchParams.set("as", e.target.value); else url.searchParams.delete("as");
  location.href = url.toString();
});
</script>`;
    const reset = `<script ${nonce}>
(function () {
  var key = "kgraph-role-shown";
  var role = new URL(location.href).searchParams.get("as") || "";
  if (sessionStorage.getItem(key) !== role) {
    Object.keys(localStorage).filter(function (k) { return k.indexOf("graphiql") === 0; }).forEach(function (k) { localStorage.removeItem(k); });
    sessionStorage.setItem(key, role);
  }
})();
</script>`;
    // The inlined bundle itself contains "</body>" inside strings: insert at the document's own tags.
    const head = html.indexOf("<head>") + "<head>".length;
    const bodyEnd = html.lastIndexOf("</body>");
    return `${html.slice(0, head)}${reset}${html.slice(head, bodyEnd)}${picker}${html.slice(bodyEnd)}`;
  };

  const plugin = {
    onResponse({ request, response }: { request: Request; response: Response }) {
      const nonce = nonces.get(request);
      if (nonce === undefined) return;
      response.headers.set("content-security-policy", contentSecurityPolicy(nonce));
      response.headers.set("x-content-type-options", "nosniff");
      response.headers.set("referrer-policy", "no-referrer");
      // The page may hold a development token: never kept by a cache.
      response.headers.set("cache-control", "no-store");
    },
  };

  return { options, render, plugin };
}

function roleOfTitle(title: string | undefined): string {
  const role = /— as (\w+)$/.exec(title ?? "")?.[1] ?? "";
  return (ROLES as readonly string[]).includes(role) ? role : "";
}
