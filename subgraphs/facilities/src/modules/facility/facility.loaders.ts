import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { Placement, PlacementStatus } from "../placement/placement.entity";
import { Facility } from "./facility.entity";

export function createFacilityLoaders(db: DataSource) {
  return {
    facilityById: new DataLoader<string, Facility | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      const rows = wanted.length ? await db.getRepository(Facility).findBy({ id: In(wanted) }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Residents now: placements CHECKED_IN, counted per facility in one statement per batch. */
    occupancyByFacilityId: new DataLoader<string, number>(async (ids) => {
      const wanted = wellFormedIds(ids);
      const rows: { facilityId: string; occupancy: number }[] = wanted.length
        ? await db
            .getRepository(Placement)
            .createQueryBuilder("p")
            .select("p.facility_id", "facilityId")
            .addSelect("count(*)::int", "occupancy")
            .where("p.facility_id IN (:...ids)", { ids: wanted })
            .andWhere("p.status = :status", { status: PlacementStatus.CHECKED_IN })
            .groupBy("p.facility_id")
            .getRawMany()
        : [];
      const byId = new Map(rows.map((row) => [row.facilityId, row.occupancy]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
  };
}
