import { randomUUID } from "node:crypto";
import { type SubgraphHarness, racing as racingOn, startSubgraphHarness, unique } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { definition } from "../src";
import { Facility, FacilityStatus, FacilityType } from "../src/modules/facility/facility.entity";

export { TEST_SUBJECT_REF_KEY } from "@kgraph/platform";

export type FacilitiesHarness = SubgraphHarness;

/** A fresh database, migrated, and the facilities subgraph serving it over real HTTP on a free port. */
export const startFacilitiesHarness = (): Promise<FacilitiesHarness> => startSubgraphHarness(definition);

/** Factory: a facility with a unique name, OPERATIONAL reception centre of 10 places unless overridden. */
export async function createFacility(db: DataSource, overrides: Partial<Facility> = {}): Promise<Facility> {
  const facility = db.getRepository(Facility).create({
    id: randomUUID(),
    name: unique("Facility"),
    type: FacilityType.RECEPTION_CENTRE,
    municipality: "Prishtinë",
    officialCapacity: 10,
    status: FacilityStatus.OPERATIONAL,
    ...overrides,
  });
  await db.getRepository(Facility).insert(facility);
  return facility;
}

/** A case id as the cases subgraph would issue it; this subgraph accepts any well-formed one. */
export const newCaseId = () => randomUUID();

export const PLACEMENT_FIELDS = `id status regime plannedAt checkInAt checkOutAt checkOutReason cancelledAt cancellationReason confirmedAt case { id } facility { id }`;

export const PLACE = /* GraphQL */ `
  mutation Place($input: PlaceCaseInput!) { placeCase(input: $input) { ${PLACEMENT_FIELDS} } }
`;
export const CHECK_IN = /* GraphQL */ `
  mutation CheckIn($id: ID!, $at: DateTimeISO) { checkIn(placementId: $id, at: $at) { ${PLACEMENT_FIELDS} } }
`;
export const CHECK_OUT = /* GraphQL */ `
  mutation CheckOut($input: CheckOutInput!) { checkOut(input: $input) { ${PLACEMENT_FIELDS} } }
`;
export const CANCEL = /* GraphQL */ `
  mutation Cancel($input: CancelPlacementInput!) { cancelPlacement(input: $input) { ${PLACEMENT_FIELDS} } }
`;
export const CONFIRM = /* GraphQL */ `
  mutation Confirm($id: ID!) { confirmPlacement(placementId: $id) { ${PLACEMENT_FIELDS} } }
`;
export const UPDATE_FACILITY = /* GraphQL */ `
  mutation Update($input: UpdateFacilityInput!) {
    updateFacility(input: $input) {
      id
      name
      type
      municipality
      officialCapacity
      status
      occupancy
      occupancyRate
    }
  }
`;

/** Row counts straight from the database, to prove that a refused mutation wrote nothing. */
export async function placementCount(db: DataSource, facilityId: string): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM facilities.placement WHERE facility_id = $1`, [
    facilityId,
  ]);
  return n;
}

/** The rows of the published view `facilities.case_residence` for one case. */
export async function residenceOf(
  db: DataSource,
  caseId: string,
): Promise<{ case_id: string; facility_id: string; current: boolean }[]> {
  return db.query(
    `SELECT case_id, facility_id, current FROM facilities.case_residence WHERE case_id = $1
      ORDER BY facility_id, current`,
    [caseId],
  );
}

/** Runs `requests` racing on the placement table (see the platform's `racing`). */
export const racing = <T>(db: DataSource, waiting: number, requests: () => Promise<T>[]): Promise<T[]> =>
  racingOn(db, "facilities.placement", waiting, requests);
