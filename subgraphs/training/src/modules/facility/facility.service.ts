import type { TrainingContext } from "../../context";
import type { StaffCompliance } from "./facility.entity";

export function staffComplianceOf(ctx: TrainingContext, facilityId: string): Promise<StaffCompliance | null> {
  return ctx.loaders.staffComplianceByFacilityId.load(facilityId);
}
