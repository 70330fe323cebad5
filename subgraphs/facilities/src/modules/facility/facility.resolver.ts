import { atMost, Authenticated, BoundedList, Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { FacilitiesContext } from "../../context";
import { PlacementConnection } from "../placement/placement.connection";
import { placementsOfFacility } from "../placement/placement.service";
import { Facility, OccupancyBand } from "./facility.entity";
import { CreateFacilityInput, UpdateFacilityInput } from "./facility.inputs";
import { MIN_BANDED_CAPACITY } from "./facility.policy";
import * as facilities from "./facility.service";

@Resolver(() => Facility)
export class FacilityResolver {
  // At most FACILITIES_LISTED: the programme's facilities in Kosovo (the seed has 6).
  @BoundedList(facilities.FACILITIES_LISTED)
  @Query(() => [Facility], { description: "Every facility, by name." + " " + atMost(facilities.FACILITIES_LISTED) })
  facilities(@Ctx() ctx: FacilitiesContext): Promise<Facility[]> {
    return facilities.listFacilities(ctx);
  }

  @Query(() => Facility, { nullable: true, description: "One facility by id; null when there is none." })
  facility(
    @Arg("id", () => ID, { description: "The facility's id." }) id: string,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<Facility | null> {
    return facilities.facilityById(ctx, id);
  }

  @Authenticated()
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Residents now: placements CHECKED_IN. Signed-in callers only (an exact count of a few residents points at people); the public reads occupancyBand.",
  })
  occupancy(@Root() root: Facility, @Ctx() ctx: FacilitiesContext): Promise<number> {
    return facilities.occupancyOf(ctx, root);
  }

  @Authenticated()
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "occupancy / officialCapacity, rounded to three decimals (0.875 = 87.5 %). Signed-in callers only; the public reads occupancyBand.",
  })
  occupancyRate(@Root() root: Facility, @Ctx() ctx: FacilitiesContext): Promise<number> {
    return facilities.occupancyRateOf(ctx, root);
  }

  @FieldResolver(() => OccupancyBand, {
    nullable: true,
    description: `Public occupancy: the band of the official capacity in use now (under 50 %, 50–74 %, 75–89 %, 90–100 %, over capacity). Null for a facility with fewer than ${MIN_BANDED_CAPACITY} places, where a band could narrow the count of residents down to fewer than 5 possible values.`,
  })
  occupancyBand(@Root() root: Facility, @Ctx() ctx: FacilitiesContext) {
    return facilities.occupancyBandOf(ctx, root);
  }

  @Classified("placement", { ruleAppliedBy: "returnedRecords" })
  @PagedList()
  @FieldResolver(() => PlacementConnection, {
    description: "Placements in this facility that the caller may see, newest planned first, a page at a time.",
  })
  placements(
    @Root() root: Facility,
    @Args() page: PageArgs,
    @Arg("current", () => Boolean, {
      nullable: true,
      description: "true: only open placements (PLANNED or CHECKED_IN); false: only ended ones; left out: all.",
    })
    current: boolean | null,
    @Ctx() ctx: FacilitiesContext,
  ) {
    return placementsOfFacility(ctx, root.id, { ...page, current });
  }

  @RequiresScopes(SCOPES.FACILITY_WRITE)
  @Mutation(() => Facility, { description: "Register a facility." })
  createFacility(
    @Arg("input", () => CreateFacilityInput, {
      description: "The facility to register; its name must not be taken by another facility.",
    })
    input: CreateFacilityInput,
    @Ctx() ctx: FacilitiesContext,
  ) {
    return facilities.createFacility(ctx, input);
  }

  @RequiresScopes(SCOPES.FACILITY_WRITE)
  @Mutation(() => Facility, { description: "Change a facility; the capacity cannot go below the current occupancy." })
  updateFacility(
    @Arg("input", () => UpdateFacilityInput, {
      description: "The facility and what to change; fields left out stay as they are.",
    })
    input: UpdateFacilityInput,
    @Ctx() ctx: FacilitiesContext,
  ) {
    return facilities.updateFacility(ctx, input);
  }
}

/** `_entities` goes through the same service and loader as `facility(id)`. */
export function resolveFacilityReference(reference: { id: string }, ctx: FacilitiesContext) {
  return facilities.facilityById(ctx, reference.id);
}
