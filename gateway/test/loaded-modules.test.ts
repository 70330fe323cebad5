import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * The gateway takes from the platform only its edge (`@kgraph/platform/dist/edge`): the main entry
 * also loads the subgraphs' stack, which the gateway never runs and whose code and sources it held
 * in memory for nothing (171 → 155 MB idle RSS when it stopped, issue 11). Counted in a fresh
 * process that loads the built gateway server, as `npm start` does.
 */
const SUBGRAPH_ONLY = ["typeorm", "type-graphql", "@apollo/server", "@apollo/subgraph", "class-validator", "pg"];

it("loads none of the subgraphs' own packages", () => {
  const server = path.resolve(__dirname, "..", "dist", "server.js");
  const loaded = JSON.parse(
    execFileSync(
      process.execPath,
      ["-e", `require(${JSON.stringify(server)}); console.log(JSON.stringify(Object.keys(require.cache)))`],
      { encoding: "utf8" },
    ),
  ) as string[];
  const packages = new Set(
    loaded.map((file) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter(Boolean) as string[],
  );
  expect(packages.size).toBeGreaterThan(50);
  expect(SUBGRAPH_ONLY.filter((name) => packages.has(name))).toEqual([]);
});
