import fs from "node:fs";
import path from "node:path";
import { Kind, parse } from "graphql";

/**
 * Every type, field, argument and enum value in every subgraph's committed SDL carries a
 * description: the schema is the documentation integrators and monitors read in GraphiQL.
 * (`npm run check` separately fails when the committed SDL drifts from the code.)
 */
const DIR = path.resolve(__dirname, "..", "..", "schema", "subgraphs");
const ROOT_TYPES = new Set(["Query", "Mutation"]);

describe.each(fs.readdirSync(DIR).filter((f) => f.endsWith(".graphql")))("%s", (file) => {
  it("describes every type, field, argument and enum value", () => {
    const document = parse(fs.readFileSync(path.join(DIR, file), "utf8"));
    const missing: string[] = [];
    for (const def of document.definitions) {
      if (
        def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        def.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
        def.kind !== Kind.ENUM_TYPE_DEFINITION &&
        def.kind !== Kind.INTERFACE_TYPE_DEFINITION
      ) {
        continue;
      }
      const type = def.name.value;
      if (!def.description && !ROOT_TYPES.has(type)) missing.push(type);
      const members = def.kind === Kind.ENUM_TYPE_DEFINITION ? (def.values ?? []) : (def.fields ?? []);
      for (const member of members) {
        if (!member.description) missing.push(`${type}.${member.name.value}`);
        const args = "arguments" in member ? (member.arguments ?? []) : [];
        for (const arg of args) if (!arg.description) missing.push(`${type}.${member.name.value}(${arg.name.value})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
