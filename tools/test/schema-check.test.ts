import fs from "node:fs";
import path from "node:path";
import { composeSdl } from "../src/schema";
import { checkSchemaChange, formatReport } from "../src/schema-check";

/** Each rule of `npm run schema:check`, fired on a small fixture. */
const base = fs.readFileSync(path.join(__dirname, "fixtures", "base.graphql"), "utf8");
const edit = (from: string, to: string) => {
  if (!base.includes(from)) throw new Error(`fixture has no "${from}"`);
  return base.replace(from, to);
};

it("passes an unchanged, fully described schema", () => {
  const report = checkSchemaChange({ base, next: base });
  expect(report).toEqual({
    breaking: [],
    accepted: [],
    dangerous: [],
    undescribed: [],
    deprecatedWithoutReason: [],
    ok: true,
  });
  expect(formatReport(report, "main")).toContain("schema:check passed");
});

it.each([
  [
    "a removed field",
    edit('  """Capacity."""\n  officialCapacity: Int!\n', ""),
    "FIELD_REMOVED: Facility.officialCapacity was removed.",
  ],
  [
    "a retyped field",
    edit("officialCapacity: Int!", "officialCapacity: String!"),
    "FIELD_CHANGED_KIND: Facility.officialCapacity changed type from Int! to String!.",
  ],
  [
    "an argument made required",
    edit("type: FacilityType\n", "type: FacilityType!\n"),
    "ARG_CHANGED_KIND: Query.facilities arg type has changed type from FacilityType to FacilityType!.",
  ],
  [
    "a removed enum value",
    edit('  """Shelter."""\n  SHELTER\n', ""),
    "VALUE_REMOVED_FROM_ENUM: SHELTER was removed from enum type FacilityType.",
  ],
  [
    "a removed type",
    edit(
      '"""Facility kinds."""\nenum FacilityType {\n  """Reception."""\n  RECEPTION_CENTRE\n  """Shelter."""\n  SHELTER\n}\n',
      "",
    ).replace("type: FacilityType", "type: String"),
    "TYPE_REMOVED: FacilityType was removed.",
  ],
])("fails on %s", (_name, next, expected) => {
  const report = checkSchemaChange({ base, next });
  expect(report.ok).toBe(false);
  expect(report.breaking).toContain(expected);
  expect(formatReport(report, "main")).toContain("schema:check FAILED");
});

it("passes a breaking change that a reviewed entry accepts, and lists it as accepted", () => {
  const next = edit('  """Capacity."""\n  officialCapacity: Int!\n', "");
  const change = "FIELD_REMOVED: Facility.officialCapacity was removed.";
  const report = checkSchemaChange({
    base,
    next,
    accepted: [{ change, reason: "replaced by capacity", acceptedBy: "data-protection lead" }],
  });
  expect(report).toMatchObject({ ok: true, breaking: [], accepted: [change] });
});

it("lists a dangerous but safe change without failing", () => {
  const next = edit(
    '  """Shelter."""\n  SHELTER\n',
    '  """Shelter."""\n  SHELTER\n  """Open centre."""\n  OPEN_CENTRE\n',
  );
  const report = checkSchemaChange({ base, next });
  expect(report.ok).toBe(true);
  expect(report.dangerous).toEqual(["VALUE_ADDED_TO_ENUM: OPEN_CENTRE was added to enum type FacilityType."]);
});

it("fails on a type, field, argument or enum value without a description", () => {
  const next = edit('  """Name."""\n  name: String!', "  name: String!")
    .replace('"""Facility kinds."""\n', "")
    .replace('    """Only this kind."""\n', "")
    .replace('  """Reception."""\n', "");
  const report = checkSchemaChange({ base, next });
  expect(report.ok).toBe(false);
  expect(report.undescribed.sort()).toEqual(
    [
      "argument Query.facilities(type)",
      "enum value FacilityType.RECEPTION_CENTRE",
      "field Facility.name",
      "type FacilityType",
    ].sort(),
  );
});

it("fails on a deprecation without a reason, and accepts one with a reason", () => {
  const bare = checkSchemaChange({ base, next: edit("name: String!", "name: String! @deprecated") });
  expect(bare).toMatchObject({ ok: false, deprecatedWithoutReason: ["Facility.name"] });
  const reasoned = checkSchemaChange({
    base,
    next: edit("name: String!", 'name: String! @deprecated(reason: "Use displayName.")'),
  });
  expect(reasoned).toMatchObject({ ok: true, deprecatedWithoutReason: [] });
});

it("reports the real schema as passing against itself", () => {
  const api = fs.readFileSync(path.join(__dirname, "..", "..", "schema", "api.graphql"), "utf8");
  expect(checkSchemaChange({ base: api, next: api }).ok).toBe(true);
});

describe("composition", () => {
  const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])`;

  it("composes subgraphs that agree", () => {
    const result = composeSdl([
      {
        name: "a",
        url: "http://a",
        sdl: `${link}\ntype Query { a: Thing }\ntype Thing @key(fields: "id") { id: ID! name: String }`,
      },
      {
        name: "b",
        url: "http://b",
        sdl: `${link}\ntype Query { b: Int }\ntype Thing @key(fields: "id") { id: ID! size: Int }`,
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.api).toContain("type Thing");
  });

  it("fails with every message when two subgraphs define the same field differently", () => {
    const result = composeSdl([
      {
        name: "a",
        url: "http://a",
        sdl: `${link}\ntype Query { a: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }`,
      },
      {
        name: "b",
        url: "http://b",
        sdl: `${link}\ntype Query { b: Thing }\ntype Thing @key(fields: "id") { id: ID! size: String }`,
      },
    ]);
    expect(result.supergraph).toBeUndefined();
    expect(result.errors.join("\n")).toMatch(/Thing\.size/);
  });
});
