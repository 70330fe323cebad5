import { OccupancyBand } from "../src/modules/facility/facility.entity";
import { MIN_BANDED_CAPACITY, occupancyBand, occupancyRate } from "../src/modules/facility/facility.policy";

describe("occupancyBand", () => {
  it("bands 100 places at each boundary, with no rounding", () => {
    const at = (occupancy: number) => occupancyBand(occupancy, 100);
    expect([0, 1, 49, 50, 74, 75, 89, 90, 100, 101].map(at)).toEqual([
      OccupancyBand.UNDER_HALF,
      OccupancyBand.UNDER_HALF,
      OccupancyBand.UNDER_HALF,
      OccupancyBand.HALF_TO_THREE_QUARTERS,
      OccupancyBand.HALF_TO_THREE_QUARTERS,
      OccupancyBand.THREE_QUARTERS_TO_NINETY,
      OccupancyBand.THREE_QUARTERS_TO_NINETY,
      OccupancyBand.NINETY_TO_FULL,
      OccupancyBand.NINETY_TO_FULL,
      OccupancyBand.OVER_CAPACITY,
    ]);
  });

  it("compares exactly where a rounded rate would not: 35 of 47 places is 74.47 %, 36 of 40 is 90 %", () => {
    expect(occupancyRate(35, 47)).toBe(0.745);
    expect(occupancyBand(35, 47)).toBe(OccupancyBand.HALF_TO_THREE_QUARTERS);
    expect(occupancyBand(36, 40)).toBe(OccupancyBand.NINETY_TO_FULL);
    expect(occupancyBand(35, 40)).toBe(OccupancyBand.THREE_QUARTERS_TO_NINETY);
  });

  it("gives no band below 40 places, and from 40 on every closed band holds at least 5 possible counts", () => {
    expect(MIN_BANDED_CAPACITY).toBe(40);
    expect([occupancyBand(0, 39), occupancyBand(1, 4), occupancyBand(39, 39)]).toEqual([null, null, null]);
    for (const capacity of [40, 41, 47, 60, 120, 1000]) {
      const counts = new Map<OccupancyBand, number>();
      for (let occupancy = 0; occupancy <= capacity; occupancy++) {
        const band = occupancyBand(occupancy, capacity)!;
        counts.set(band, (counts.get(band) ?? 0) + 1);
      }
      expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(5);
    }
    // At 39 places the top band would be 36 to 39 residents: 4 values.
    const top39 = Array.from({ length: 40 }, (_, n) => n).filter((n) => n * 10 >= 39 * 9);
    expect(top39).toEqual([36, 37, 38, 39]);
  });
});
