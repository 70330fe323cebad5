import type { DataSource } from "typeorm";
import { insertRows } from "./bulk";
import type { SeedCaseStatus, SeedWorld } from "./world";

/** Why a person left, derived from how the case ended (the world plans one placement per stay). */
const CHECK_OUT_REASONS: Partial<Record<SeedCaseStatus, string>> = {
  RETURNED: "Onward return",
  TRANSFERRED: "Transferred to another procedure",
  ABSCONDED: "Left without notice",
  CLOSED: "Case closed",
};

const FACILITY_COLUMNS = ["id", "name", "type", "municipality", "official_capacity", "status"];
/** Who confirmed the seeded placements: the MIA case officers' desk (synthetic). */
const SEED_OFFICER = "seed-mia-officer";

const PLACEMENT_COLUMNS = [
  "id",
  "case_id",
  "facility_id",
  "regime",
  "status",
  "planned_at",
  "check_in_at",
  "check_out_at",
  "check_out_reason",
  "confirmed_at",
  "confirmed_by",
];

/**
 * The world's facilities (all OPERATIONAL) and every case's placements: CHECKED_OUT when the
 * stay has ended, CHECKED_IN otherwise. Before writing, it checks that the world keeps the
 * rules the subgraph enforces on writes (open placements within capacity, one per case,
 * DETAINED only in a detention centre), so seeded data never contradicts them.
 */
export async function seedFacilities(
  db: DataSource,
  world: SeedWorld,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const facilityRows = world.facilities.map((f) => [
    f.id,
    f.name,
    f.type,
    f.municipality,
    f.officialCapacity,
    "OPERATIONAL",
  ]);
  const facilityById = new Map(world.facilities.map((f) => [f.id, f]));
  const open = new Map<string, number>();
  const placementRows: unknown[][] = [];
  for (const seedCase of world.cases) {
    let openForCase = 0;
    for (const p of seedCase.placements) {
      const facility = facilityById.get(p.facilityId);
      if (!facility) throw new Error(`Seed world: placement ${p.id} names unknown facility ${p.facilityId}.`);
      if (p.regime === "DETAINED" && facility.type !== "DETENTION_CENTRE") {
        throw new Error(`Seed world: placement ${p.id} is DETAINED in ${facility.type} "${facility.name}".`);
      }
      const ended = p.checkOutAt !== null;
      if (!ended) {
        openForCase += 1;
        open.set(facility.id, (open.get(facility.id) ?? 0) + 1);
      }
      placementRows.push([
        p.id,
        seedCase.id,
        p.facilityId,
        p.regime,
        ended ? "CHECKED_OUT" : "CHECKED_IN",
        p.checkInAt,
        p.checkInAt,
        p.checkOutAt,
        ended ? (CHECK_OUT_REASONS[seedCase.status] ?? "Left the facility") : null,
        // Seeded placements are the case officers': confirmed when planned.
        p.checkInAt,
        SEED_OFFICER,
      ]);
    }
    if (openForCase > 1) throw new Error(`Seed world: case ${seedCase.caseNumber} has ${openForCase} open placements.`);
  }
  for (const facility of world.facilities) {
    const residents = open.get(facility.id) ?? 0;
    if (residents > facility.officialCapacity) {
      throw new Error(
        `Seed world: "${facility.name}" would hold ${residents} residents for ${facility.officialCapacity} places.`,
      );
    }
  }

  const total = facilityRows.length + placementRows.length;
  await insertRows(db, `facilities."facility"`, FACILITY_COLUMNS, facilityRows, (done) => progress(done, total));
  await insertRows(db, `facilities."placement"`, PLACEMENT_COLUMNS, placementRows, (done) =>
    progress(facilityRows.length + done, total),
  );
}
