import fs from "node:fs";
import path from "node:path";
import { type EnumTypeDefinitionNode, Kind, parse, print } from "graphql";

/**
 * An enum declared by more than one subgraph (the overdue ledger's key `TaskForceAgency`, its
 * `AgeingBand` and `ObligationKind`) is declared identically everywhere: same values, same
 * descriptions. Composition would merge an output-only enum's differing values silently, so that
 * one subgraph could return a value another's clients never heard of.
 */
const DIR = path.resolve(__dirname, "..", "..", "schema", "subgraphs");

const declarations = new Map<string, { file: string; sdl: string }[]>();
for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith(".graphql"))) {
  for (const def of parse(fs.readFileSync(path.join(DIR, file), "utf8")).definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    const list = declarations.get(def.name.value) ?? [];
    list.push({ file, sdl: print(def as EnumTypeDefinitionNode) });
    declarations.set(def.name.value, list);
  }
}

it("declares the overdue ledger's enums in oversight, cases and monitoring", () => {
  for (const name of ["TaskForceAgency", "AgeingBand", "ObligationKind"]) {
    expect({ name, files: declarations.get(name)?.map((d) => d.file).sort() }).toEqual({
      name,
      files: ["cases.graphql", "monitoring.graphql", "oversight.graphql"],
    });
  }
});

it.each([...declarations].filter(([, list]) => list.length > 1))(
  "declares %s identically in every subgraph",
  (_name, list) => {
    for (const { file, sdl } of list) expect({ file, sdl }).toEqual({ file, sdl: list[0].sdl });
  },
);
