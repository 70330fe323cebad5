import { randomUUID } from "node:crypto";
import { DATA, type DataClassName, ROLE_SCOPES, SCOPES, rolesWith } from "@kgraph/policy";
import {
  type GraphQLInputObjectType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isObjectType,
} from "graphql";
import { SUBGRAPHS, type Platform, startPlatform } from "../support/platform";

/**
 * Probe 3, M2: the audit trail named every id among a write's arguments, so an auditor (who reads
 * every case) saw an anonymous complaint's id beside the case it concerns: the content of
 * `Complaint.case`, which only complaint:identity:read may read. An argument that sets a classified
 * reference is declared with `@ClassifiedArgument`, and the write's event names it without its value.
 */

/** A class some audit:read role cannot read: its content must not reach the trail by value. */
function keptFromAnAuditReader(name: DataClassName): boolean {
  const scopes: readonly string[] = DATA[name].scopes;
  return rolesWith(SCOPES.AUDIT_READ).some(
    (role) => !scopes.every((scope) => ROLE_SCOPES[role].includes(scope as never)),
  );
}

/** Input types a mutation takes, at any depth. */
function mutationInputs(schema: GraphQLSchema): GraphQLInputObjectType[] {
  const found = new Map<string, GraphQLInputObjectType>();
  const walk = (type: unknown) => {
    const named = getNamedType(type as never);
    if (!isInputObjectType(named) || found.has(named.name)) return;
    found.set(named.name, named);
    for (const field of Object.values(named.getFields())) walk(field.type);
  };
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    for (const argument of field.args) walk(argument.type);
  }
  return [...found.values()];
}

describe("every argument that sets a classified reference is declared", () => {
  it("in every subgraph: a <field>Id of a mutation's <Type>…Input carries the class of <Type>.<field>", async () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const subgraph of SUBGRAPHS) {
      const { schema, dataClasses, classifiedArguments } = await subgraph.buildSchema();
      const inputs = mutationInputs(schema);
      for (const [typeAndField, dataClass] of Object.entries(dataClasses)) {
        const [typeName, fieldName] = typeAndField.split(".");
        const type = schema.getType(typeName);
        if (!isObjectType(type) || ["Query", "Mutation"].includes(typeName)) continue;
        const target = getNamedType(type.getFields()[fieldName].type);
        // A reference: the field leads to a record with an id.
        if (!isObjectType(target) || !target.getFields().id) continue;
        if (!keptFromAnAuditReader(dataClass as DataClassName)) continue;
        for (const input of inputs.filter((i) => i.name.includes(typeName))) {
          for (const name of [`${fieldName}Id`, `${fieldName}Ids`]) {
            if (!input.getFields()[name]) continue;
            checked.push(`${subgraph.name}: ${input.name}.${name} (${typeAndField}, ${dataClass})`);
            const declared = classifiedArguments[`${input.name}.${name}`];
            if (declared !== dataClass) {
              wrong.push(`${input.name}.${name}: declared ${declared ?? "nothing"}, sets ${dataClass}`);
            }
          }
        }
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        "monitoring: FileComplaintInput.caseId (Complaint.case, complainant)",
        "monitoring: FileComplaintInput.facilityId (Complaint.facility, complaint)",
      ]),
    );
    expect(wrong).toEqual([]);
  });
});

describe("a complaint's write event", () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform();
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
  });

  it("names the complaint and the arguments given, never the case or facility it concerns", async () => {
    const caseId = randomUUID();
    const facilityId = randomUUID();
    const filed = await platform.gql(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`,
      {
        input: {
          channel: "WEB",
          category: "OTHER",
          text: "synthetic complaint text",
          anonymous: true,
          caseId,
          facilityId,
        },
      },
      null,
    );
    expect(filed.errors).toBeUndefined();
    const trail = `query($id: ID) { auditTrail { monitoring(first: 20, filter: { recordId: $id }) {
      edges { node { operation recordIds fields } } } } }`;
    for (const role of ["auditor", "ombudsperson"] as const) {
      const as = { roles: [role], sub: `argument-classes-${role}` };
      for (const id of [caseId, facilityId]) {
        const found = await platform.gql(trail, { id }, as);
        expect(found.errors).toBeUndefined();
        expect(found.data?.auditTrail.monitoring.edges).toEqual([]);
      }
      const all = await platform.gql(trail, { id: null }, as);
      const event = all.data?.auditTrail.monitoring.edges
        .map((edge: { node: unknown }) => edge.node)
        .find((node: { operation: string }) => node.operation === "mutation fileComplaint");
      expect(event.fields).toEqual(expect.arrayContaining(["input.caseId", "input.facilityId"]));
      expect(event.recordIds).toHaveLength(1); // the complaint
      expect(event.recordIds).not.toContain(caseId);
    }
  });
});
