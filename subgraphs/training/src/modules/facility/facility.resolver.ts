import { Classified } from "@kgraph/platform";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { Facility, StaffCompliance } from "./facility.entity";
import { staffComplianceOf } from "./facility.service";

@Resolver(() => Facility)
export class FacilityResolver {
  @FieldResolver(() => StaffCompliance, {
    nullable: true,
    description:
      "How many of the facility's active staff hold every certificate their job role requires; " +
      "null when the caller may not read this facility's staff records.",
  })
  @Classified("trainingRecord", { ruleAppliedBy: "returnedRecords" })
  staffCompliance(@Root() root: Facility, @Ctx() ctx: TrainingContext): Promise<StaffCompliance | null> {
    return staffComplianceOf(ctx, root.id);
  }
}
