import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A case owned by the cases subgraph; this subgraph only points to it (from a complaint). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A person's case in the programme; owned by the cases subgraph." })
export class Case {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}
