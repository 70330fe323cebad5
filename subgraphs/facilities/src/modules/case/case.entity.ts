import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A case owned by the cases subgraph. This subgraph knows only its id and adds the case's
 * placements to it, so the key is resolvable here.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A person's case in the programme; owned by the cases subgraph, which holds everything but its placements.",
})
export class Case {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}
