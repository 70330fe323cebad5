import { Length } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PlacementRegime } from "./placement.entity";

@InputType({ description: "Reserve a place for a case in a facility; the placement starts PLANNED." })
export class PlaceCaseInput {
  // Any well-formed case id is accepted: this subgraph cannot ask the cases subgraph whether the
  // case exists (subgraphs never call each other), and the gateway resolves it by federation.
  @Field(() => ID, { description: "The case (held by the cases subgraph)." })
  caseId: string;

  @Field(() => ID, { description: "The facility; it must be OPERATIONAL and have a free place." })
  facilityId: string;

  @Field(() => PlacementRegime, { description: "DETAINED only in a DETENTION_CENTRE." })
  regime: PlacementRegime;

  @Field(() => Date, { nullable: true, description: "When the person is expected; now unless given." })
  plannedAt?: Date | null;
}

@ArgsType()
export class CheckInArgs {
  @Field(() => ID, { description: "The placement; it must be PLANNED." })
  placementId: string;

  @Field(() => Date, {
    nullable: true,
    description: "When the person checked in; now unless given, never in the future.",
  })
  at?: Date | null;
}

@InputType({ description: "Record that a person left a facility." })
export class CheckOutInput {
  @Field(() => ID, { description: "The placement; it must be CHECKED_IN." })
  placementId: string;

  @Field(() => Date, {
    nullable: true,
    description: "When the person left; now unless given, not before check-in nor in the future.",
  })
  at?: Date | null;

  @Field({ description: "Why the person left, e.g. onward return, move to another facility." })
  @Length(3, 500, { message: "must be 3 to 500 characters long" })
  reason: string;
}

@InputType({ description: "Cancel a placement before check-in, freeing its place." })
export class CancelPlacementInput {
  @Field(() => ID, { description: "The placement; it must be PLANNED." })
  placementId: string;

  @Field({ description: "Why the placement is cancelled." })
  @Length(3, 500, { message: "must be 3 to 500 characters long" })
  reason: string;
}

@ArgsType()
export class ConfirmPlacementArgs {
  @Field(() => ID, { description: "The open placement to confirm (PLANNED or CHECKED_IN)." })
  placementId: string;
}
