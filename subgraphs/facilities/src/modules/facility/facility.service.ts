import { randomUUID } from "node:crypto";
import { badUserInput, conflict, notFound, isUniqueViolation } from "@kgraph/platform";
import { type EntityManager, In } from "typeorm";
import type { FacilitiesContext } from "../../context";
import { OPEN_PLACEMENT_STATUSES, Placement, PlacementRegime, PlacementStatus } from "../placement/placement.entity";
import { Facility, FacilityStatus, FacilityType } from "./facility.entity";
import type { CreateFacilityInput, UpdateFacilityInput } from "./facility.inputs";
import { occupancyBand, occupancyRate } from "./facility.policy";

const NAME_UNIQUE = "facility_name_unique";

export function facilityById(ctx: FacilitiesContext, id: string): Promise<Facility | null> {
  return ctx.loaders.facilityById.load(id);
}

/** The maximum `Query.facilities` states: the programme's facilities in Kosovo (the seed has 6). */
export const FACILITIES_LISTED = 20;

/** Every facility, by name. There are a handful, so no paging; one more than listed shows a cut. */
export async function listFacilities(ctx: FacilitiesContext): Promise<Facility[]> {
  const rows = await ctx.db
    .getRepository(Facility)
    .find({ order: { name: "ASC", id: "ASC" }, take: FACILITIES_LISTED + 1 });
  for (const row of rows) ctx.loaders.facilityById.prime(row.id, row);
  return rows;
}

/** Residents now: placements CHECKED_IN. */
export function occupancyOf(ctx: FacilitiesContext, facility: Facility): Promise<number> {
  return ctx.loaders.occupancyByFacilityId.load(facility.id);
}

export async function occupancyRateOf(ctx: FacilitiesContext, facility: Facility): Promise<number> {
  return occupancyRate(await occupancyOf(ctx, facility), facility.officialCapacity);
}

/** What the public sees of the occupancy: a band, or nothing for a small facility. */
export async function occupancyBandOf(ctx: FacilitiesContext, facility: Facility) {
  return occupancyBand(await occupancyOf(ctx, facility), facility.officialCapacity);
}

export async function createFacility(ctx: FacilitiesContext, input: CreateFacilityInput): Promise<Facility> {
  const created = ctx.db.getRepository(Facility).create({
    id: randomUUID(),
    name: input.name,
    type: input.type,
    municipality: input.municipality,
    officialCapacity: input.officialCapacity,
    status: input.status ?? FacilityStatus.OPERATIONAL,
  });
  try {
    await ctx.db.transaction((tx) => tx.insert(Facility, created));
  } catch (err) {
    if (isUniqueViolation(err, NAME_UNIQUE)) throw nameTaken(input.name);
    throw err;
  }
  ctx.loaders.facilityById.prime(created.id, created);
  return created;
}

/**
 * Changes a facility under a lock on its row (the lock placements take too), so the rules below
 * see the placements as they stand: the capacity never drops below the residents checked in, a
 * detention centre keeps its type while someone is detained there, and a facility closes only
 * once no placement is open.
 */
export async function updateFacility(ctx: FacilitiesContext, input: UpdateFacilityInput): Promise<Facility> {
  let updated: Facility;
  try {
    updated = await ctx.db.transaction(async (tx) => {
      const facility = await lockFacility(tx, input.id);
      const changes: Partial<Facility> = {};
      if (input.name != null) changes.name = input.name;
      if (input.type != null) changes.type = input.type;
      if (input.municipality != null) changes.municipality = input.municipality;
      if (input.officialCapacity != null) changes.officialCapacity = input.officialCapacity;
      if (input.status != null) changes.status = input.status;

      if (changes.officialCapacity !== undefined && changes.officialCapacity < facility.officialCapacity) {
        const occupancy = await countPlacements(tx, facility.id, [PlacementStatus.CHECKED_IN]);
        if (changes.officialCapacity < occupancy) {
          throw badUserInput(
            `Facility "${facility.name}" has ${occupancy} residents checked in; its official capacity cannot go ` +
              `below that (asked for ${changes.officialCapacity}).`,
            { argument: "input.officialCapacity", occupancy },
          );
        }
      }
      if (
        changes.type !== undefined &&
        facility.type === FacilityType.DETENTION_CENTRE &&
        changes.type !== FacilityType.DETENTION_CENTRE
      ) {
        const detained = await countPlacements(tx, facility.id, OPEN_PLACEMENT_STATUSES, PlacementRegime.DETAINED);
        if (detained > 0) {
          throw badUserInput(
            `Facility "${facility.name}" cannot stop being a DETENTION_CENTRE while ${detained} DETAINED ` +
              `placements are open there.`,
            { argument: "input.type", detained },
          );
        }
      }
      if (changes.status === FacilityStatus.CLOSED && facility.status !== FacilityStatus.CLOSED) {
        const open = await countPlacements(tx, facility.id, OPEN_PLACEMENT_STATUSES);
        if (open > 0) {
          throw badUserInput(
            `Facility "${facility.name}" cannot be CLOSED while ${open} placements are open (planned or ` +
              `checked in); check them out or cancel them first.`,
            { argument: "input.status", open },
          );
        }
      }
      if (Object.keys(changes).length) await tx.update(Facility, { id: facility.id }, changes);
      return Object.assign(facility, changes);
    });
  } catch (err) {
    if (isUniqueViolation(err, NAME_UNIQUE)) throw nameTaken(input.name ?? "");
    throw err;
  }
  ctx.loaders.facilityById.clear(updated.id).prime(updated.id, updated);
  return updated;
}

/**
 * Reads a facility and locks its row until the transaction ends (SELECT ... FOR UPDATE). Every
 * write that depends on how many places are taken goes through this lock, so two of them into
 * the same facility run one after the other and the second counts what the first wrote.
 */
export async function lockFacility(tx: EntityManager, id: string): Promise<Facility> {
  const facility = await tx.findOne(Facility, { where: { id }, lock: { mode: "pessimistic_write" } });
  if (!facility) throw notFound("Facility", id);
  return facility;
}

/** Placements of a facility in the given statuses (and regime, when given). */
export async function countPlacements(
  tx: EntityManager,
  facilityId: string,
  statuses: readonly PlacementStatus[],
  regime?: PlacementRegime,
): Promise<number> {
  return tx.countBy(Placement, { facilityId, status: In([...statuses]), ...(regime ? { regime } : {}) });
}

function nameTaken(name: string) {
  return conflict(`A facility named "${name}" already exists.`, { argument: "input.name" });
}
