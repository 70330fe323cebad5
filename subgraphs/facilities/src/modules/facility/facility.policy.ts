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
