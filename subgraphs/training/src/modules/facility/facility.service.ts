import type { TrainingContext } from "../../context";
import type { StaffCompliance } from "./facility.entity";

export function staffComplianceOf(ctx: TrainingContext, facilityId: string): Promise<StaffCompliance> {
  return ctx.loaders.staffComplianceByFacilityId.load(facilityId);
}
