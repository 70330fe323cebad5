import { DEFAULT_AUDIENCE, DEV_ISSUER, type JWK, readDevKeys, signToken } from "@kgraph/platform";
import { ROLES } from "@kgraph/policy";
import fs from "node:fs";
import path from "node:path";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

type GraphiQLOptions = Parameters<typeof renderGraphiQL>[0];

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
    const key = role && EXAMPLES[role] ? role : "public";
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

/**
 * GraphiQL options per request. `?as=<role>` opens it with that role's example operations. In
 * development (the local issuer's keys are at hand) it also puts a fresh one-hour token for the
 * role in the headers, so anyone can see each role's view without a command line. In
 * production it never mints tokens.
 */
export function graphiqlOptions(devKeysFile: string | undefined, documentsDir: string) {
  const issuerKey: JWK | undefined = devKeysFile ? readDevKeys(devKeysFile).issuer.privateJwk : undefined;
  const examples = exampleTabs(documentsDir);
  return async (request: Request): Promise<GraphiQLOptions> => {
    const role = new URL(request.url).searchParams.get("as");
    let headers = "{}";
    if (issuerKey && role && (ROLES as readonly string[]).includes(role)) {
      const token = await signToken(
        issuerKey,
        { sub: `graphiql-${role}`, roles: [role] },
        { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds: 3600 },
      );
      headers = JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
    }
    return {
      title: role ? `${TITLE} — as ${role}` : TITLE,
      defaultTabs: examples(role).map((tab) => ({ ...tab, headers })),
      headers,
      defaultEditorToolsVisibility: "variables",
    };
  };
}

/**
 * The inlined GraphiQL page (no CDN: it works offline), plus, in development, a role picker.
 * Switching role reloads the page with `?as=<role>` and clears GraphiQL's remembered tabs so
 * the new token's headers are the ones in use.
 */
export function renderGraphiQLWithRoles(development: boolean) {
  return (options: NonNullable<GraphiQLOptions>): string => {
    const html = renderGraphiQL(options);
    if (!development) return html;
    const current = /— as (\w+)$/.exec(options.title ?? "")?.[1] ?? "";
    const choices = ["", ...ROLES]
      .map(
        (role) =>
          `<option value="${role}"${role === current ? " selected" : ""}>${role || "public (no token)"}</option>`,
      )
      .join("");
    const picker = `<div id="kgraph-role-picker" style="position:fixed;right:16px;bottom:16px;z-index:10;background:#fff;border:1px solid #ccc;border-radius:6px;padding:6px 10px;font:13px system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.15)">
<label>View as <select id="kgraph-role" aria-label="Role">${choices}</select></label> <small>(development tokens)</small></div>
<script>
document.getElementById("kgraph-role").addEventListener("change", function (e) {
  Object.keys(localStorage).filter(function (k) { return k.indexOf("graphiql") === 0; }).forEach(function (k) { localStorage.removeItem(k); });
  var url = new URL(location.href);
  if (e.target.value) url.searchParams.set("as", e.target.value); else url.searchParams.delete("as");
  location.href = url.toString();
});
</script>`;
    const reset = `<script>
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
}
