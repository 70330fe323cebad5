import { Classified, RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { FacilitiesContext } from "../../context";
import { Case } from "../case/case.entity";
import { Facility } from "../facility/facility.entity";
import { facilityById } from "../facility/facility.service";
import { Placement } from "./placement.entity";
import {
  CancelPlacementInput,
  CheckInArgs,
  CheckOutInput,
  ConfirmPlacementArgs,
  PlaceCaseInput,
} from "./placement.inputs";
import * as placements from "./placement.service";

@Resolver(() => Placement)
export class PlacementResolver {
  @RequiresScopes(SCOPES.PLACEMENT_READ)
  @Query(() => Placement, {
    nullable: true,
    description: "One placement by id; null when there is none or it is not one the caller may see.",
  })
  placement(
    @Arg("id", () => ID, { description: "The placement's id." }) id: string,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<Placement | null> {
    return placements.placementById(ctx, id);
  }

  @Classified("placement")
  @FieldResolver(() => Case, { description: "The case placed (resolved by the cases subgraph)." })
  case(@Root() root: Placement): Case {
    return { id: root.caseId };
  }

  @Classified("placement")
  @FieldResolver(() => Facility, { description: "The facility the case is placed in." })
  facility(@Root() root: Placement, @Ctx() ctx: FacilitiesContext) {
    return facilityById(ctx, root.facilityId);
  }

  @RequiresScopes(SCOPES.PLACEMENT_WRITE)
  @Mutation(() => Placement, {
    description:
      "Reserve a place for a case (PLANNED). Refused when the facility is full or not OPERATIONAL, when the case " +
      "already has an open placement, or for DETAINED outside a DETENTION_CENTRE. Facility staff place only at " +
      "their own facility and only people an MIA officer placed there before; their placements wait for an " +
      "officer's confirmation (`confirmPlacement`).",
  })
  placeCase(
    @Arg("input", () => PlaceCaseInput, {
      description:
        "The case, the facility and the regime; the facility must be OPERATIONAL with a free place, and DETAINED is only for a DETENTION_CENTRE.",
    })
    input: PlaceCaseInput,
    @Ctx() ctx: FacilitiesContext,
  ) {
    return placements.placeCase(ctx, input);
  }

  @RequiresScopes(SCOPES.PLACEMENT_CONFIRM)
  @Mutation(() => Placement, {
    description:
      "Confirm an open placement recorded by facility staff (MIA officers): only a placement an officer planned or confirmed lets the facility's staff see the person.",
  })
  confirmPlacement(@Args() args: ConfirmPlacementArgs, @Ctx() ctx: FacilitiesContext) {
    return placements.confirmPlacement(ctx, args);
  }

  @RequiresScopes(SCOPES.PLACEMENT_WRITE)
  @Mutation(() => Placement, { description: "Record the person's arrival: PLANNED → CHECKED_IN." })
  checkIn(@Args() args: CheckInArgs, @Ctx() ctx: FacilitiesContext) {
    return placements.checkIn(ctx, args);
  }

  @RequiresScopes(SCOPES.PLACEMENT_WRITE)
  @Mutation(() => Placement, {
    description: "Record the person's departure: CHECKED_IN → CHECKED_OUT, with the reason.",
  })
  checkOut(
    @Arg("input", () => CheckOutInput, {
      description: "The CHECKED_IN placement, why the person left and, optionally, when (now unless given).",
    })
    input: CheckOutInput,
    @Ctx() ctx: FacilitiesContext,
  ) {
    return placements.checkOut(ctx, input);
  }

  @RequiresScopes(SCOPES.PLACEMENT_WRITE)
  @Mutation(() => Placement, { description: "Cancel a placement before check-in: PLANNED → CANCELLED." })
  cancelPlacement(
    @Arg("input", () => CancelPlacementInput, { description: "The PLANNED placement and why it is cancelled." })
    input: CancelPlacementInput,
    @Ctx() ctx: FacilitiesContext,
  ) {
    return placements.cancelPlacement(ctx, input);
  }
}

/** `_entities` goes through the same service and loader as `placement(id)` (placement:read needed). */
export function resolvePlacementReference(reference: { id: string }, ctx: FacilitiesContext) {
  return placements.placementReference(ctx, reference.id);
}
