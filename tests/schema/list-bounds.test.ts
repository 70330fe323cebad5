import fs from "node:fs";
import path from "node:path";
import {
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  Kind,
  type TypeNode,
  parse,
  print,
} from "graphql";

/**
 * Every list in the API is paged (a `first` argument) or has a stated maximum
 * (`@listSize(assumedSize: n)`, from `BoundedList(n)`), which the gateway prices it at and the
 * subgraph cuts it to. A new list with neither fails here.
 */
const SCHEMA = path.resolve(__dirname, "..", "..", "schema");
const api = parse(fs.readFileSync(path.join(SCHEMA, "api.graphql"), "utf8"));
const supergraph = parse(fs.readFileSync(path.join(SCHEMA, "supergraph.graphql"), "utf8"));

type FieldsByType = Map<string, Map<string, FieldDefinitionNode>>;

function fieldsOf(document: ReturnType<typeof parse>): FieldsByType {
  const types: FieldsByType = new Map();
  for (const def of document.definitions) {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      def.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const fields = types.get(def.name.value) ?? new Map<string, FieldDefinitionNode>();
    for (const field of def.fields ?? []) fields.set(field.name.value, field);
    types.set(def.name.value, fields);
  }
  return types;
}

const isList = (type: TypeNode): boolean =>
  type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isList(type.type));
const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
const listSize = (field: FieldDefinitionNode): ConstDirectiveNode | undefined =>
  field.directives?.find((d) => d.name.value === "listSize");
const argument = (directive: ConstDirectiveNode | undefined, name: string) =>
  directive?.arguments?.find((a) => a.name.value === name)?.value;

const apiFields = fieldsOf(api);
const superFields = fieldsOf(supergraph);

// A connection's `edges` are sized by the `first` of the field that returns the connection.
const sizedByParent = new Set<string>();
for (const fields of superFields.values()) {
  for (const field of fields.values()) {
    const sized = argument(listSize(field), "sizedFields");
    if (sized?.kind === Kind.LIST) {
      for (const value of sized.values) {
        if (value.kind === Kind.STRING) sizedByParent.add(`${namedType(field.type)}.${value.value}`);
      }
    }
  }
}

const lists = [...apiFields].flatMap(([type, fields]) =>
  [...fields.values()].filter((field) => isList(field.type)).map((field) => ({ type, field })),
);

it("finds the API's lists", () => {
  expect(lists.length).toBeGreaterThan(40);
});

it("pages every list of the API or states its maximum", () => {
  const unbounded: string[] = [];
  for (const { type, field } of lists) {
    const name = `${type}.${field.name.value}`;
    const inSupergraph = superFields.get(type)?.get(field.name.value);
    if (!inSupergraph) {
      unbounded.push(`${name} (not in the supergraph)`);
      continue;
    }
    const paged = inSupergraph.arguments?.some((a) => a.name.value === "first");
    const size = listSize(inSupergraph);
    const slicedBy = argument(size, "slicingArguments");
    const assumed = argument(size, "assumedSize");
    const stated = assumed?.kind === Kind.INT;
    const slicedByFirst = slicedBy?.kind === Kind.LIST && slicedBy.values.some((v) => print(v) === '"first"');
    if ((paged && slicedByFirst) || stated || sizedByParent.has(name)) continue;
    unbounded.push(name);
  }
  expect(unbounded).toEqual([]);
});

it("states the maximum of every bounded list in its description", () => {
  const undescribed: string[] = [];
  for (const { type, field } of lists) {
    const assumed = argument(listSize(superFields.get(type)?.get(field.name.value) ?? field), "assumedSize");
    if (assumed?.kind !== Kind.INT) continue;
    if (!field.description?.value.includes(`At most ${assumed.value} items`)) {
      undescribed.push(`${type}.${field.name.value}`);
    }
  }
  expect(undescribed).toEqual([]);
});
