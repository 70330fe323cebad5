import { Directive, Field, ID, ObjectType } from "type-graphql";

/*
 * What an agenda item or action item concerns, owned by other subgraphs: this subgraph keeps
 * only their federation keys (no foreign keys, no reads of another subgraph's tables); the
 * owner resolves every other field under its own rules.
 */

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A person's case in the programme; owned by the cases subgraph." })
export class Case {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A reception, detention or other facility; owned by the facilities subgraph." })
export class Facility {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A complaint; owned by the monitoring subgraph." })
export class Complaint {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A joint inter-agency review of a case; owned by the cases subgraph." })
export class CaseReview {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "What a monitoring visit found; owned by the monitoring subgraph." })
export class Finding {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A monitoring recommendation to an authority; owned by the monitoring subgraph." })
export class Recommendation {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}
