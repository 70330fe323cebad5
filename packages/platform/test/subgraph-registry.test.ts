import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadSubgraphConfig, registeredSubgraph, subgraphRegistry } from "../src";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-registry-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function registryFile(subgraphs: unknown): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ subgraphs }));
  return file;
}

describe("subgraphs/registry.json", () => {
  it("lists the five subgraphs on their ports, in order", () => {
    expect(subgraphRegistry()).toEqual([
      { name: "cases", port: 4001 },
      { name: "facilities", port: 4002 },
      { name: "monitoring", port: 4003 },
      { name: "training", port: 4004 },
      { name: "oversight", port: 4005 },
    ]);
  });

  it("refuses a name listed twice, a port taken by another subgraph or its metrics, and a name unfit for SQL", () => {
    const file = registryFile([
      { name: "cases", port: 4001 },
      { name: "cases", port: 4009 },
      { name: "other", port: 4001 },
      { name: "third", port: 5009 },
      { name: "Bad-name", port: 4020 },
    ]);
    expect(() => subgraphRegistry(file)).toThrow(
      [
        `Invalid subgraph registry ${file}:`,
        "  - subgraphs.4.name: must be lower-case letters and digits, starting with a letter",
      ].join("\n"),
    );
    const valid = registryFile([
      { name: "cases", port: 4001 },
      { name: "cases", port: 4009 },
      { name: "other", port: 4001 },
      { name: "third", port: 5009 },
    ]);
    expect(() => subgraphRegistry(valid)).toThrow(
      [
        `Invalid subgraph registry ${valid}:`,
        '  - subgraphs.1.name: "cases" is listed twice',
        "  - subgraphs.2.port: port 4001 is already cases's port",
        "  - subgraphs.3.port: port 5009 is already cases's metrics port",
      ].join("\n"),
    );
  });

  it("names the registered subgraphs when asked for another", () => {
    expect(registeredSubgraph("training")).toEqual({ name: "training", port: 4004 });
    expect(() => registeredSubgraph("nowhere")).toThrow(
      'Unknown subgraph "nowhere"; subgraphs/registry.json lists cases, facilities, monitoring, training, oversight.',
    );
  });
});

describe("a subgraph's configuration", () => {
  const base = { DATABASE_URL: "postgres://h/db", SUBJECT_REF_KEY: "0123456789abcdef" };

  it("reads the generic HOST and PORT; PORT unset leaves the registry's port to the caller", () => {
    expect(loadSubgraphConfig("cases", { ...base, HOST: "0.0.0.0", PORT: "4101" })).toMatchObject({
      HOST: "0.0.0.0",
      PORT: 4101,
    });
    const defaults = loadSubgraphConfig("cases", base);
    expect(defaults.HOST).toBe("127.0.0.1");
    expect(defaults.PORT).toBeUndefined();
  });

  it("refuses <NAME>_PORT or <NAME>_HOST given without PORT or HOST (they are npm start's), naming both", () => {
    expect(() => loadSubgraphConfig("cases", { ...base, CASES_PORT: "4101", CASES_HOST: "0.0.0.0" })).toThrow(
      [
        "Invalid configuration:",
        "  - CASES_PORT: a subgraph process reads PORT (CASES_PORT is for npm start)",
        "  - CASES_HOST: a subgraph process reads HOST (CASES_HOST is for npm start)",
      ].join("\n"),
    );
    // Under npm start both are set: its own value wins, passed on as PORT.
    expect(loadSubgraphConfig("cases", { ...base, CASES_PORT: "4101", PORT: "4101", HOST: "127.0.0.1" }).PORT).toBe(
      4101,
    );
  });

  it("requires the subgraph's own database connection", () => {
    expect(() => loadSubgraphConfig("training", { SUBJECT_REF_KEY: base.SUBJECT_REF_KEY })).toThrow(
      "DATABASE_URL: is required: the training subgraph's own connection",
    );
  });
});
