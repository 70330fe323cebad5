import { loadGatewayConfig } from "../src/config";

/** CORS_ORIGINS lists exact origins; anything looser is refused at start, naming the value. */
it("reads exact origins, comma-separated, and none by default", () => {
  expect(loadGatewayConfig({}).CORS_ORIGINS).toEqual([]);
  expect(
    loadGatewayConfig({ CORS_ORIGINS: " https://console.example.org, http://localhost:5173 ,," }).CORS_ORIGINS,
  ).toEqual(["https://console.example.org", "http://localhost:5173"]);
});

it.each([
  "*",
  "null",
  "https://console.example.org/",
  "https://console.example.org/app",
  "console.example.org",
  "https://*.example.org",
])("refuses %s", (origin) => {
  expect(() => loadGatewayConfig({ CORS_ORIGINS: `https://ok.example.org,${origin}` })).toThrow(
    `CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path, no wildcard)`,
  );
});
