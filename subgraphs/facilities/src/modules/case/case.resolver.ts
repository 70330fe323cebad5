import { atMost, BoundedList, Classified } from "@kgraph/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { FacilitiesContext } from "../../context";
import { Placement } from "../placement/placement.entity";
import { currentPlacementOfCase, placementsOfCase } from "../placement/placement.service";
import { Case } from "./case.entity";
import { PLACEMENTS_PER_CASE } from "../placement/placement.loaders";

/** The fields this subgraph adds to `Case`. */
@Resolver(() => Case)
export class CasePlacementsResolver {
  @Classified("placement", { ruleAppliedBy: "returnedRecords" })
  // At most PLACEMENTS_PER_CASE: placements of one case (moves between facilities).
  @BoundedList(PLACEMENTS_PER_CASE)
  @FieldResolver(() => [Placement], {
    description:
      "Every placement of the case that the caller may see, newest first." + " " + atMost(PLACEMENTS_PER_CASE),
  })
  placements(@Root() root: Case, @Ctx() ctx: FacilitiesContext): Promise<Placement[]> {
    return placementsOfCase(ctx, root.id);
  }

  @Classified("placement", { ruleAppliedBy: "returnedRecords" })
  @FieldResolver(() => Placement, {
    nullable: true,
    description: "The open placement (PLANNED or CHECKED_IN); null when there is none or the caller may not see it.",
  })
  currentPlacement(@Root() root: Case, @Ctx() ctx: FacilitiesContext): Promise<Placement | null> {
    return currentPlacementOfCase(ctx, root.id);
  }
}

/**
 * A case reference needs no lookup: the case lives in the cases subgraph, and its placements
 * are found by its id (none for an id this subgraph has never placed).
 */
export function resolveCaseReference(reference: { id: string }): Case {
  return { id: reference.id };
}
