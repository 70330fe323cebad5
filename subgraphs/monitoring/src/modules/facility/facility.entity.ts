import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A facility owned by the facilities subgraph. This subgraph knows only its id and adds the
 * facility's monitoring visits and open recommendations to it, so the key is resolvable here.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A facility where people are accommodated; owned by the facilities subgraph, which holds everything but its monitoring record.",
})
export class Facility {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}
