import { randomUUID } from "node:crypto";
import { type SubgraphHarness, startSubgraphHarness, unique } from "@kgraph/platform";
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

/**
 * Runs `requests` while this test holds an EXCLUSIVE lock on the placement table: reads go on,
 * every insert waits. Once `waiting` of the subgraph's connections are blocked on a lock, the
 * lock is released; so the requests are provably in flight together, not one after the other.
 */
export async function racing<T>(db: DataSource, waiting: number, requests: () => Promise<T>[]): Promise<T[]> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  let pending: Promise<T[]> | undefined;
  try {
    await runner.query(`LOCK TABLE facilities.placement IN EXCLUSIVE MODE`);
    pending = Promise.all(requests());
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (n >= waiting) break;
      if (Date.now() > deadline) throw new Error(`only ${n} of ${waiting} requests reached the lock`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await runner.commitTransaction();
    await runner.release();
  }
  return pending;
}
