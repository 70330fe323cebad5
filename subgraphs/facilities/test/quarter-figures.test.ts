import { randomUUID } from "node:crypto";
import { sqlStatements } from "@kgraph/platform";
import type { Facility } from "../src/modules/facility/facility.entity";
import { Placement, PlacementRegime, PlacementStatus } from "../src/modules/placement/placement.entity";
import { type FacilitiesHarness, createFacility, newCaseId, startFacilitiesHarness } from "./harness";

let h: FacilitiesHarness;
beforeAll(async () => {
  h = await startFacilitiesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const FIGURES = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on StatisticsQuarter { quarter facilityFigures { indicator label dimension dimensionLabel unit value suppressed } }
  }
}`;

/** The public, as the gateway forwards a caller without a token. */
const asPublic = async () => ({ token: await h.auth.publicToken() });

async function facilityFigures(quarter: string) {
  const res = await h.gql(FIGURES, { r: [{ __typename: "StatisticsQuarter", quarter }] }, await asPublic());
  expect(res.errors).toBeUndefined();
  expect(res.data!._entities[0].quarter).toBe(quarter);
  return res.data!._entities[0].facilityFigures as Record<string, unknown>[];
}

const at = (iso: string) => new Date(iso);

/** Factory: a placement written straight to the database; checked in (and out) when given. */
async function stay(
  facility: Facility,
  checkInAt: string | null,
  checkOutAt: string | null,
  caseId: string = newCaseId(),
  status?: PlacementStatus,
): Promise<string> {
  await h.db.getRepository(Placement).insert({
    id: randomUUID(),
    caseId,
    facilityId: facility.id,
    regime: PlacementRegime.OPEN,
    status: status ?? (checkOutAt ? PlacementStatus.CHECKED_OUT : PlacementStatus.CHECKED_IN),
    plannedAt: at(checkInAt ?? "2022-05-01T00:00:00Z"),
    checkInAt: checkInAt ? at(checkInAt) : null,
    checkOutAt: checkOutAt ? at(checkOutAt) : null,
    checkOutReason: null,
    cancelledAt: status === PlacementStatus.CANCELLED ? at("2022-05-02T00:00:00Z") : null,
    cancellationReason: null,
    confirmedAt: null,
    confirmedBy: null,
  });
  return caseId;
}

const figure = (
  indicator: string,
  label: string,
  unit: string,
  dimension: string | null,
  dimensionLabel: string | null,
  value: number | null,
) => ({ indicator, label, dimension, dimensionLabel, unit, value, suppressed: value === null });
const CAPACITY = (f: Facility) =>
  figure("official_capacity", "Official capacity (places)", "COUNT", f.id, f.name, f.officialCapacity);
const OCCUPANCY = (f: Facility, value: number | null) =>
  figure("occupancy_rate_mean", "Mean nightly occupancy (share of the official capacity)", "RATE", f.id, f.name, value);
const NIGHTS = (municipality: string | null, value: number | null) =>
  figure("resident_nights", "Resident-nights", "COUNT", municipality, municipality, value);

describe("StatisticsQuarter.facilityFigures", () => {
  it("publishes capacity, mean occupancy and resident-nights of a past quarter, withholding what points at few residents", async () => {
    // 2022-Q2: 91 nights (1 April to 30 June).
    const ferizaj = await createFacility(h.db, { municipality: "Ferizaj", officialCapacity: 50 });
    const shelter = await createFacility(h.db, { municipality: "Ferizaj", officialCapacity: 20 });
    const gjilan = await createFacility(h.db, { municipality: "Gjilan", officialCapacity: 45 });
    const prizren = await createFacility(h.db, { municipality: "Prizren", officialCapacity: 100 });
    const peja = await createFacility(h.db, { municipality: "Peja", officialCapacity: 40 });

    // Ferizaj (50 places): five residents all quarter (5 × 91) and X from 11 April (81): 536 nights,
    // 6 residents, 536 / (91 × 50) = 0.118 → 0.1.
    for (let i = 0; i < 5; i++) await stay(ferizaj, "2022-03-01T10:00:00Z", null);
    const x = newCaseId();
    await stay(gjilan, "2022-03-20T10:00:00Z", "2022-04-11T08:00:00Z", x);
    await stay(ferizaj, "2022-04-11T09:00:00Z", null, x);
    // In and out the same day: no night, not a resident. Planned and cancelled placements: never there.
    await stay(ferizaj, "2022-05-05T08:00:00Z", "2022-05-05T18:00:00Z");
    await stay(ferizaj, null, null, newCaseId(), PlacementStatus.PLANNED);
    await stay(ferizaj, null, null, newCaseId(), PlacementStatus.CANCELLED);
    // The shelter (20 places): five residents for ten nights each; too small for a public rate.
    for (let i = 0; i < 5; i++) await stay(shelter, "2022-05-01T12:00:00Z", "2022-05-11T09:00:00Z");
    // Gjilan (45 places): two residents for 20 nights and X's 10 (1 to 10 April): 50 nights of 3
    // residents, withheld however many nights they are.
    for (let i = 0; i < 2; i++) await stay(gjilan, "2022-04-01T12:00:00Z", "2022-04-21T12:00:00Z");
    // Prizren (100 places): six residents for June (30 nights each) and one who came on 30 June at
    // 23:30 (one night): 181 nights of 7 residents, 181 / 9100 = 0.02 → 0. One who left on 1 April
    // and one who came on 1 July spent no night of the quarter there.
    for (let i = 0; i < 6; i++) await stay(prizren, "2022-06-01T10:00:00Z", null);
    await stay(prizren, "2022-06-30T23:30:00Z", "2022-07-04T10:00:00Z");
    await stay(prizren, "2022-02-01T10:00:00Z", "2022-04-01T10:00:00Z");
    await stay(prizren, "2022-07-01T00:00:00Z", null);

    const byId = [ferizaj, shelter, gjilan, prizren, peja].sort((a, b) => (a.id < b.id ? -1 : 1));
    const rate = new Map<string, number | null>([
      [ferizaj.id, 0.1],
      // Under 40 places.
      [shelter.id, null],
      // Three residents.
      [gjilan.id, null],
      // Prizren's nights are withheld (the secondary): its only facility's rate would give them back.
      [prizren.id, null],
      // Nobody: a base of 0.
      [peja.id, null],
    ]);
    expect(await facilityFigures("2022-Q2")).toEqual([
      ...byId.map(CAPACITY),
      ...byId.map((f) => OCCUPANCY(f, rate.get(f.id)!)),
      NIGHTS(null, 536 + 50 + 50 + 181),
      NIGHTS("Ferizaj", 586),
      // Gjilan (3 residents) is withheld, and Prizren (7, the fewest after) with it so the total does
      // not give it away. Neither is listed, nor Peja (no nights), whose absence would name them.
    ]);
  });

  it("has no figures for a quarter not over yet, nor for a malformed one", async () => {
    const now = new Date();
    const current = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    for (const quarter of [current, "2999-Q1", "2022-Q0", "2022Q2", "1999-Q4"]) {
      expect(await facilityFigures(quarter)).toEqual([]);
    }
  });

  it("serves a quarter from two aggregate statements, then from its cache", async () => {
    const count = async (quarter: string) => {
      const before = sqlStatements.count;
      await facilityFigures(quarter);
      return sqlStatements.count - before;
    };
    expect(await count("2022-Q3")).toBe(2);
    expect(await count("2022-Q3")).toBe(0);
  });
});
