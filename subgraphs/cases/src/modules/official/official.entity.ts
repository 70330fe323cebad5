import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A reference to an official owned by the training subgraph; this subgraph knows only the id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "An official of an authority; owned by the training subgraph." })
export class Official {
  @Field(() => ID, { description: "Stable identifier." })
  id: string;
}
