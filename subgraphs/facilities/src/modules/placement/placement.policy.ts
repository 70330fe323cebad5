import { FacilityType } from "../facility/facility.entity";
import { PlacementRegime, PlacementStatus } from "./placement.entity";

/** The placement state machine: from each status, the statuses it may move to next. */
export const NEXT_PLACEMENT_STATUSES: Readonly<Record<PlacementStatus, readonly PlacementStatus[]>> = {
  [PlacementStatus.PLANNED]: [PlacementStatus.CHECKED_IN, PlacementStatus.CANCELLED],
  [PlacementStatus.CHECKED_IN]: [PlacementStatus.CHECKED_OUT],
  [PlacementStatus.CHECKED_OUT]: [],
  [PlacementStatus.CANCELLED]: [],
};

export function canMovePlacement(from: PlacementStatus, to: PlacementStatus): boolean {
  return NEXT_PLACEMENT_STATUSES[from].includes(to);
}

/** Detention is lawful only in a facility built and run for it. */
export function regimeAllowedIn(regime: PlacementRegime, facilityType: FacilityType): boolean {
  return regime !== PlacementRegime.DETAINED || facilityType === FacilityType.DETENTION_CENTRE;
}
