import { randomUUID } from "node:crypto";
import type { CallAs, SubgraphHarness } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { Facility } from "../src/modules/facility/facility.entity";
import { Placement, PlacementRegime, PlacementStatus } from "../src/modules/placement/placement.entity";
import { createFacility } from "./harness";

/**
 * The record-rule scenario. Two facilities, A and B; seven placements, each planned by an MIA
 * officer (confirmed, so each non-cancelled one is in `facilities.case_residence`); three counsel.
 *
 *   A1  case c1  at A  CHECKED_IN    client of K
 *   A2  case c3  at A  CHECKED_OUT   client of K2
 *   A3  case c5  at A  CHECKED_OUT   client of K   (c5 moved on to B)
 *   A4  case c7  at A  CANCELLED     client of K
 *   B1  case c2  at B  PLANNED       client of K
 *   B2  case c4  at B  CANCELLED     no counsel
 *   B3  case c5  at B  CHECKED_IN    client of K
 *
 * c6 is K's client and was never placed; K0 is counsel with no client. `cases.counsel_client`
 * is the cases subgraph's published view; here the empty stand-in table the platform's harness
 * creates (the external boundary), filled with the scenario's clients.
 */
export interface Scenario {
  A: Facility;
  B: Facility;
  counsel: { K: string; K2: string; K0: string };
  cases: Record<"c1" | "c2" | "c3" | "c4" | "c5" | "c6" | "c7", string>;
  p: Record<"A1" | "A2" | "A3" | "A4" | "B1" | "B2" | "B3", string>;
}

/** The subject of the MIA officer who planned or confirmed the scenario's placements (synthetic). */
export const OFFICER = "officer-7f1c";

/**
 * Factory: a placement row as an MIA officer would have planned it (confirmed when planned),
 * unless `confirmedAt: null` says it is one facility staff recorded and nobody confirmed yet.
 */
export async function insertPlacement(
  db: DataSource,
  fields: Pick<Placement, "caseId" | "facilityId" | "status" | "plannedAt"> & Partial<Placement>,
): Promise<Placement> {
  const confirmed = fields.confirmedAt !== null;
  const placement = db.getRepository(Placement).create({
    id: randomUUID(),
    regime: PlacementRegime.OPEN,
    checkInAt: null,
    checkOutAt: null,
    checkOutReason: null,
    cancelledAt: null,
    cancellationReason: null,
    confirmedAt: confirmed ? fields.plannedAt : null,
    confirmedBy: confirmed ? OFFICER : null,
    ...fields,
  });
  await db.getRepository(Placement).insert(placement);
  return placement;
}

const at = (iso: string) => new Date(iso);

export async function seedScenario(db: DataSource): Promise<Scenario> {
  const A = await createFacility(db, { officialCapacity: 50 });
  const B = await createFacility(db, { officialCapacity: 50 });
  const counsel = { K: randomUUID(), K2: randomUUID(), K0: randomUUID() };
  const cases = {
    c1: randomUUID(),
    c2: randomUUID(),
    c3: randomUUID(),
    c4: randomUUID(),
    c5: randomUUID(),
    c6: randomUUID(),
    c7: randomUUID(),
  };
  const { CHECKED_IN, CHECKED_OUT, CANCELLED, PLANNED } = PlacementStatus;
  const put = async (caseId: string, facilityId: string, status: PlacementStatus, fields: Partial<Placement>) =>
    (await insertPlacement(db, { caseId, facilityId, status, plannedAt: at("2026-01-01T08:00:00Z"), ...fields })).id;
  const p = {
    A1: await put(cases.c1, A.id, CHECKED_IN, {
      plannedAt: at("2026-01-01T08:00:00Z"),
      checkInAt: at("2026-01-02T10:00:00Z"),
    }),
    A2: await put(cases.c3, A.id, CHECKED_OUT, {
      plannedAt: at("2025-12-01T08:00:00Z"),
      checkInAt: at("2025-12-02T10:00:00Z"),
      checkOutAt: at("2025-12-20T10:00:00Z"),
      checkOutReason: "Onward return",
    }),
    A3: await put(cases.c5, A.id, CHECKED_OUT, {
      plannedAt: at("2025-11-01T08:00:00Z"),
      checkInAt: at("2025-11-02T10:00:00Z"),
      checkOutAt: at("2025-11-30T10:00:00Z"),
      checkOutReason: "Moved to another facility",
    }),
    A4: await put(cases.c7, A.id, CANCELLED, {
      plannedAt: at("2025-10-01T08:00:00Z"),
      cancelledAt: at("2025-09-28T12:00:00Z"),
      cancellationReason: "Case withdrawn",
    }),
    B1: await put(cases.c2, B.id, PLANNED, { plannedAt: at("2026-02-01T08:00:00Z") }),
    B2: await put(cases.c4, B.id, CANCELLED, {
      plannedAt: at("2026-01-15T08:00:00Z"),
      cancelledAt: at("2026-01-10T12:00:00Z"),
      cancellationReason: "Placed elsewhere",
    }),
    B3: await put(cases.c5, B.id, CHECKED_IN, {
      plannedAt: at("2025-12-01T08:00:00Z"),
      checkInAt: at("2025-12-01T09:00:00Z"),
    }),
  };
  const clients: [string, string][] = [
    [cases.c1, counsel.K],
    [cases.c2, counsel.K],
    [cases.c5, counsel.K],
    [cases.c6, counsel.K],
    [cases.c7, counsel.K],
    [cases.c3, counsel.K2],
  ];
  for (const [caseId, counselId] of clients) {
    await db.query(`INSERT INTO cases.counsel_client (case_id, counsel_id) VALUES ($1, $2)`, [caseId, counselId]);
  }
  return { A, B, counsel, cases, p };
}

/** A fixed subject for roles whose `sub` the rules do not read. */
export const SOMEONE = "7d3f0c1e-2b4a-4c6d-8e9f-0a1b2c3d4e5f";

/**
 * How a role calls in the tables: facility staff of `facilityId`, legal counsel K, anyone else
 * with a plain subject; "public" is the gateway's token for a caller without one.
 */
export async function callerFor(
  h: SubgraphHarness,
  role: string,
  scenario: Scenario,
  facilityId = scenario.A.id,
): Promise<CallAs> {
  if (role === "public") return { token: await h.auth.publicToken() };
  if (role === "facility_staff") return { roles: [role], sub: SOMEONE, facility_id: facilityId };
  if (role === "legal_counsel") return { roles: [role], sub: scenario.counsel.K };
  return { roles: [role], sub: SOMEONE };
}
