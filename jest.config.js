/** One Jest run for every package: subgraph integration tests and end-to-end tests. */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: "es2022",
    },
    module: { type: "commonjs" },
    sourceMaps: "inline",
  },
];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/packages", "<rootDir>/subgraphs", "<rootDir>/gateway", "<rootDir>/tools", "<rootDir>/tests"],
  testMatch: ["**/test/**/*.test.ts", "<rootDir>/tests/**/*.test.ts"],
  transform: { "^.+\\.(t|j|mj)s$": swc },
  transformIgnorePatterns: ["/node_modules/(?!(jose)/)"],
  moduleNameMapper: {
    "^@kgraph/platform$": "<rootDir>/packages/platform/src/index.ts",
    "^@kgraph/testkit$": "<rootDir>/packages/platform/testkit/role-table.ts",
    "^@kgraph/testkit/edge-inputs$": "<rootDir>/packages/platform/testkit/edge-inputs.ts",
    "^@kgraph/policy$": "<rootDir>/packages/policy/src/index.ts",
    "^@kgraph/client$": "<rootDir>/packages/client/src/index.ts",
    "^@kgraph/gateway$": "<rootDir>/gateway/src/index.ts",
    // Every other @kgraph/<name> is a subgraph (subgraphs/registry.json).
    "^@kgraph/([a-z][a-z0-9]*)$": "<rootDir>/subgraphs/$1/src/index.ts",
  },
  modulePathIgnorePatterns: ["<rootDir>/.*/dist/"],
  // The browser tests need Chromium: `npm run test:browser` (CI installs it and runs both).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/browser/"],
  globalSetup: "<rootDir>/tests/support/global-setup.ts",
  globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
  cacheDirectory: "<rootDir>/.cache/jest",
  testTimeout: 60000,
  maxWorkers: 2,
};
