/**
 * A standards-compliant OpenID Connect provider (panva's oidc-provider) for the end-to-end
 * tests, in a process of its own: oidc-provider is ESM-only and loads parts of itself with
 * dynamic `import()`, which Jest's module sandbox does not allow.
 *
 * One confidential client per role (client id = the role's name, secret "<role>-secret")
 * obtains JWT access tokens with the client_credentials grant for the resource (audience)
 * OIDC_AUDIENCE; the role's claims come from OIDC_CLAIMS (JSON: role → claims).
 *
 * Test-only controls, beside the provider's own endpoints:
 *   GET  /__test/stats  → { jwksFetches }   how many times the JWKS was fetched
 *   PUT  /__test/keys   ← { keys: [JWK] }   the provider's signing keys from now on (private
 *                                           JWKs; the first signs, all are published)
 * On start it prints one line of JSON: { "issuer": "http://127.0.0.1:<port>" }.
 */
import http from "node:http";
import Provider from "oidc-provider";

const audience = process.env.OIDC_AUDIENCE;
const claimsByRole = JSON.parse(process.env.OIDC_CLAIMS);
let keys = JSON.parse(process.env.OIDC_KEYS);
let jwksFetches = 0;

const server = http.createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

function createProvider() {
  const provider = new Provider(issuer, {
    clients: Object.keys(claimsByRole).map((role) => ({
      client_id: role,
      client_secret: `${role}-secret`,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== audience) throw new Provider.errors.InvalidTarget();
          return {
            scope: "",
            audience,
            accessTokenTTL: 300,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    // The platform's claims, by the client's role; `sub` is the client id.
    extraTokenClaims: (_ctx, token) => claimsByRole[token.clientId],
  });
  provider.on("server_error", (_ctx, err) => console.error("oidc-provider:", err));
  return provider;
}

let provider = createProvider();
let callback = provider.callback();

server.on("request", async (req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname === "/__test/stats") {
    res.setHeader("content-type", "application/json");
    return res.end(JSON.stringify({ jwksFetches }));
  }
  if (url.pathname === "/__test/keys" && req.method === "PUT") {
    let body = "";
    for await (const chunk of req) body += chunk;
    keys = JSON.parse(body).keys;
    provider = createProvider();
    callback = provider.callback();
    res.statusCode = 204;
    return res.end();
  }
  if (url.pathname === "/jwks") jwksFetches += 1;
  return callback(req, res);
});

process.on("SIGTERM", () => server.close(() => process.exit(0)));
console.log(JSON.stringify({ issuer }));
