import { FacilityType } from "../src/modules/facility/facility.entity";
import { PlacementRegime, PlacementStatus } from "../src/modules/placement/placement.entity";
import { NEXT_PLACEMENT_STATUSES, canMovePlacement, regimeAllowedIn } from "../src/modules/placement/placement.policy";

/**
 * The placement rules that need no database: the state machine and where detention is lawful.
 * Who may read or change which placement is the record rules' (placement.records.ts), tested
 * against PostgreSQL in record-rules.test.ts and authorization.test.ts.
 */

const { PLANNED, CHECKED_IN, CHECKED_OUT, CANCELLED } = PlacementStatus;
const STATUSES = [PLANNED, CHECKED_IN, CHECKED_OUT, CANCELLED];

describe("the placement state machine", () => {
  /** Every move that is allowed, transcribed: PLANNED → CHECKED_IN | CANCELLED, CHECKED_IN → CHECKED_OUT. */
  const ALLOWED = new Set([`${PLANNED}→${CHECKED_IN}`, `${PLANNED}→${CANCELLED}`, `${CHECKED_IN}→${CHECKED_OUT}`]);

  it.each(STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    expect(canMovePlacement(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
  });

  it("lists the next statuses of each status, and CHECKED_OUT and CANCELLED are final", () => {
    expect(NEXT_PLACEMENT_STATUSES).toEqual({
      [PLANNED]: [CHECKED_IN, CANCELLED],
      [CHECKED_IN]: [CHECKED_OUT],
      [CHECKED_OUT]: [],
      [CANCELLED]: [],
    });
  });
});

describe("regimeAllowedIn", () => {
  it.each(Object.values(FacilityType))("OPEN is possible in a %s", (type) => {
    expect(regimeAllowedIn(PlacementRegime.OPEN, type)).toBe(true);
  });

  it.each(Object.values(FacilityType))("DETAINED in a %s: only in a DETENTION_CENTRE", (type) => {
    expect(regimeAllowedIn(PlacementRegime.DETAINED, type)).toBe(type === FacilityType.DETENTION_CENTRE);
  });
});
