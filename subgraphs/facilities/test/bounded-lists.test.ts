import { randomUUID } from "node:crypto";
import { recordStatements, rowsReturned } from "@kgraph/platform";
import { PLACEMENTS_PER_CASE } from "../src/modules/placement/placement.loaders";
import { Placement, PlacementRegime, PlacementStatus } from "../src/modules/placement/placement.entity";
import { type FacilitiesHarness, createFacility, newCaseId, startFacilitiesHarness } from "./harness";

/**
 * `Case.placements` over its maximum: the newest PLACEMENTS_PER_CASE with LIST_TRUNCATED, at most
 * max + 1 rows read, and the record rule applied before the cut.
 */
let h: FacilitiesHarness;
beforeAll(async () => {
  h = await startFacilitiesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const PLACEMENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { placements { id } } } }`;

/** `count` cancelled placements of a case at a facility, a day apart ending `endDaysAgo` days ago; newest first. */
async function placements(caseId: string, facilityId: string, count: number, endDaysAgo: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) =>
    h.db.getRepository(Placement).create({
      id: randomUUID(),
      caseId,
      facilityId,
      regime: PlacementRegime.OPEN,
      status: PlacementStatus.CANCELLED,
      plannedAt: new Date(Date.now() - (endDaysAgo + i) * 86_400_000),
      cancelledAt: new Date(),
      cancellationReason: "Test history.",
    }),
  );
  await h.db.getRepository(Placement).insert([...rows].reverse());
  return rows.map((row) => row.id);
}

it("gives the newest PLACEMENTS_PER_CASE with LIST_TRUNCATED, from a statement that returned max + 1 rows", async () => {
  const a = await createFacility(h.db);
  const b = await createFacility(h.db);
  const caseId = newCaseId();
  const atA = await placements(caseId, a.id, PLACEMENTS_PER_CASE + 5, 1);
  const atB = await placements(caseId, b.id, 3, 100);
  let res: { data?: any; errors?: any[] } | undefined;
  const statements = await recordStatements(async () => {
    res = await h.gql(PLACEMENTS, { r: [{ __typename: "Case", id: caseId }] });
  });
  expect(res!.data!._entities).toEqual([
    { placements: [...atA, ...atB].slice(0, PLACEMENTS_PER_CASE).map((id) => ({ id })) },
  ]);
  expect(res!.errors).toEqual([
    expect.objectContaining({
      path: ["_entities", 0, "placements"],
      extensions: { code: "LIST_TRUNCATED", max: PLACEMENTS_PER_CASE },
    }),
  ]);
  const reads = statements.filter((s) => s.query.includes('PARTITION BY "p"."case_id"'));
  expect(reads).toHaveLength(1);
  expect(await rowsReturned(h.db, reads[0])).toBe(PLACEMENTS_PER_CASE + 1);

  // Staff of B read only B's placements: ranked among those, the newer ones at A take no place.
  const staffOfB = { roles: ["facility_staff"], sub: randomUUID(), facility_id: b.id };
  const staff = await h.gql(PLACEMENTS, { r: [{ __typename: "Case", id: caseId }] }, staffOfB);
  expect(staff.errors).toBeUndefined();
  expect(staff.data!._entities).toEqual([{ placements: atB.map((id) => ({ id })) }]);
});
