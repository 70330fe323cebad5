import { DEFAULT_AUDIENCE, DEV_ISSUER, type JWK, readDevKeys, signToken } from "@kgraph/platform";
import { ROLES } from "@kgraph/policy";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

type GraphiQLOptions = Parameters<typeof renderGraphiQL>[0];

const TITLE = "Kosovo reception programme graph";

export const DEFAULT_QUERY = `# The programme graph: four subgraphs, one query.
# Without a token you see the public graph: agreements, facilities, published reports and
# statistics. The docs (left) show exactly what your role may query.
query Overview {
  agreements { title termStart termEnd monthlyCap totalCap status }
  facilities { name type municipality officialCapacity occupancy occupancyRate }
}
`;

/**
 * GraphiQL options per request. In development (the local issuer's keys are at hand) the page
 * takes `?as=<role>` and opens with a fresh one-hour token for that role in the headers, so
 * anyone can see each role's view without a command line. In production it never mints tokens.
 */
export function graphiqlOptions(devKeysFile: string | undefined) {
  const issuerKey: JWK | undefined = devKeysFile ? readDevKeys(devKeysFile).issuer.privateJwk : undefined;
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
      defaultQuery: DEFAULT_QUERY,
      headers,
      defaultEditorToolsVisibility: role ? "headers" : undefined,
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
    return html.replace("<head>", `<head>${reset}`).replace("</body>", `${picker}</body>`);
  };
}
