import { Field, ID, InputType, createUnionType, registerEnumType } from "type-graphql";
import { Case, CaseReview, Complaint, Facility, Finding, Recommendation } from "./concern.entity";

/** The kinds of record, owned by other subgraphs, that task-force business can concern. */
export enum ConcernKind {
  CASE = "CASE",
  FACILITY = "FACILITY",
  COMPLAINT = "COMPLAINT",
  CASE_REVIEW = "CASE_REVIEW",
  FINDING = "FINDING",
  RECOMMENDATION = "RECOMMENDATION",
}

registerEnumType(ConcernKind, {
  name: "ConcernKind",
  description: "The kind of record an agenda item or action item concerns (a federation key into its owner).",
  valuesConfig: {
    CASE: { description: "A case (cases subgraph)." },
    FACILITY: { description: "A facility (facilities subgraph)." },
    COMPLAINT: { description: "A complaint (monitoring subgraph)." },
    CASE_REVIEW: { description: "A joint case review (cases subgraph)." },
    FINDING: { description: "A finding of a monitoring visit (monitoring subgraph)." },
    RECOMMENDATION: { description: "A monitoring recommendation (monitoring subgraph)." },
  },
});

const TYPES = {
  [ConcernKind.CASE]: Case,
  [ConcernKind.FACILITY]: Facility,
  [ConcernKind.COMPLAINT]: Complaint,
  [ConcernKind.CASE_REVIEW]: CaseReview,
  [ConcernKind.FINDING]: Finding,
  [ConcernKind.RECOMMENDATION]: Recommendation,
} as const;

export const Concern = createUnionType({
  name: "Concern",
  description: "The record something concerns, resolved by the subgraph that owns it, under that subgraph's rules.",
  types: () => [Case, Facility, Complaint, CaseReview, Finding, Recommendation] as const,
  resolveType: (value) => {
    for (const type of Object.values(TYPES)) if (value instanceof type) return type;
    return undefined;
  },
});

/** The stub of the record a kind and id name (its owner fills in the rest). */
export function concernOf(
  kind: string | null,
  id: string | null,
): Case | Facility | Complaint | CaseReview | Finding | Recommendation | null {
  if (kind === null || id === null || !(kind in TYPES)) return null;
  return Object.assign(new TYPES[kind as ConcernKind](), { id });
}

@InputType({ description: "The record something concerns, by kind and id (its owning subgraph's key)." })
export class ConcernInput {
  @Field(() => ConcernKind, { description: "What kind of record it is." })
  kind: ConcernKind;

  @Field(() => ID, { description: "Its id in the owning subgraph." })
  id: string;
}
