import { OccupancyBand } from "./facility.entity";

/**
 * Share of the official capacity in use, rounded to three decimals (a tenth of a percent): more
 * precision says nothing about a facility of a few hundred places.
 */
export function occupancyRate(occupancy: number, officialCapacity: number): number {
  return Math.round((occupancy / officialCapacity) * 1000) / 1000;
}

/** Whether a facility has no place left for another placement (planned or checked-in ones hold a place). */
export function isFull(placesTaken: number, officialCapacity: number): boolean {
  return placesTaken >= officialCapacity;
}

/**
 * Facilities with fewer places get no public band: in them one band could narrow the count of
 * residents down to fewer than 5 possible values (90–100 % of 39 places is 36 to 39 residents;
 * of 4 places, exactly 4). From 40 places every band but the open-ended top one spans 5 or more.
 */
export const MIN_BANDED_CAPACITY = 40;

/**
 * The public band of a facility's occupancy (exact integer comparisons, no rounding): under
 * 50 %, 50–74 %, 75–89 %, 90–100 %, over 100 %; null for a facility under MIN_BANDED_CAPACITY.
 */
export function occupancyBand(occupancy: number, officialCapacity: number): OccupancyBand | null {
  if (officialCapacity < MIN_BANDED_CAPACITY) return null;
  if (occupancy * 2 < officialCapacity) return OccupancyBand.UNDER_HALF;
  if (occupancy * 4 < officialCapacity * 3) return OccupancyBand.HALF_TO_THREE_QUARTERS;
  if (occupancy * 10 < officialCapacity * 9) return OccupancyBand.THREE_QUARTERS_TO_NINETY;
  if (occupancy <= officialCapacity) return OccupancyBand.NINETY_TO_FULL;
  return OccupancyBand.OVER_CAPACITY;
}
