import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { Facility, StaffCompliance } from "./facility.entity";
import { staffComplianceOf } from "./facility.service";

@Resolver(() => Facility)
export class FacilityResolver {
  @FieldResolver(() => StaffCompliance, {
    description: "How many of the facility's active staff hold every certificate their job role requires.",
  })
  staffCompliance(@Root() root: Facility, @Ctx() ctx: TrainingContext): Promise<StaffCompliance> {
    return staffComplianceOf(ctx, root.id);
  }
}
