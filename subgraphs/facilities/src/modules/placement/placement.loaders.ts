import {
  type CursorKeyOf,
  type Page,
  type RecordAccess,
  firstManyByKey,
  toPage,
  wellFormedIds,
} from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { OPEN_PLACEMENT_STATUSES, Placement } from "./placement.entity";
import { PlacementRecords } from "./placement.records";

/** The maximum `Case.placements` states (moves between facilities). */
export const PLACEMENTS_PER_CASE = 50;

/** One page of one facility's placements: the arguments of `Facility.placements`, cursor decoded. */
export interface FacilityPlacementsKey {
  facilityId: string;
  first: number;
  after: CursorKeyOf<"time"> | null;
  /** true: open placements only; false: ended ones only; null: all. */
  current: boolean | null;
}

/** Placements sort newest first by (planned_at, id); the cursor is that pair. */
export function placementCursorKey(placement: Placement): CursorKeyOf<"time"> {
  return [placement.plannedAt.toISOString(), placement.id];
}

/**
 * Placement loaders for one request. Each applies the viewer's record rule for placement:read
 * (placement.records.ts) in its SQL, one statement per batch, so a list, a lookup by id and an
 * entity reference answer alike, and a placement outside the rule is simply absent.
 */
export function createPlacementLoaders(db: DataSource, access: RecordAccess) {
  const repository = db.getRepository(Placement);
  const rule = access.where(PlacementRecords, SCOPES.PLACEMENT_READ, "p");
  const pageRule = access.where(PlacementRecords, SCOPES.PLACEMENT_READ, "x");
  return {
    placementById: new DataLoader<string, Placement | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      const rows = wanted.length
        ? await repository
            .createQueryBuilder("p")
            .where("p.id = ANY(:ids::uuid[])", { ids: wanted })
            .andWhere(rule.sql, rule.params)
            .getMany()
        : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** The newest PLACEMENTS_PER_CASE + 1 placements of each case that the viewer may read, newest first. */
    placementsByCaseId: new DataLoader<string, Placement[]>((caseIds) =>
      firstManyByKey(caseIds, repository.createQueryBuilder("p").where(rule.sql, rule.params), {
        column: "p.case_id",
        keyOf: (row) => row.caseId,
        order: [
          ["p.planned_at", "DESC"],
          ["p.id", "DESC"],
        ],
        limit: PLACEMENTS_PER_CASE + 1,
        wanted: wellFormedIds(caseIds),
      }),
    ),
    /** Each case's open placement (PLANNED or CHECKED_IN; there is at most one), if the viewer may read it. */
    currentPlacementByCaseId: new DataLoader<string, Placement | null>(async (caseIds) => {
      const wanted = wellFormedIds(caseIds);
      const rows = wanted.length
        ? await repository
            .createQueryBuilder("p")
            .where("p.case_id = ANY(:caseIds::uuid[])", { caseIds: wanted })
            .andWhere("p.status = ANY(:open)", { open: [...OPEN_PLACEMENT_STATUSES] })
            .andWhere(rule.sql, rule.params)
            .getMany()
        : [];
      const byCase = new Map(rows.map((row) => [row.caseId, row]));
      return caseIds.map((id) => byCase.get(id) ?? null);
    }),
    /**
     * A page of placements per facility. Keys asking the same page (first, after, current) for
     * different facilities share one statement: a LATERAL subquery takes each facility's page
     * by keyset, so a list of facilities costs one query, not one per facility. The record rule
     * narrows each page: another facility's list is empty for its staff.
     */
    placementPageByFacility: new DataLoader<FacilityPlacementsKey, Page<Placement>, string>(
      async (keys) => {
        const groups = new Map<string, FacilityPlacementsKey[]>();
        for (const key of keys) {
          const shape = JSON.stringify([key.first, key.after, key.current]);
          groups.set(shape, [...(groups.get(shape) ?? []), key]);
        }
        const pages = new Map<string, Page<Placement>>();
        for (const group of groups.values()) {
          const { first, after, current } = group[0];
          const facilityIds = [...new Set(group.map((key) => key.facilityId))];
          const filters: string[] = [pageRule.sql];
          if (current === true) filters.push("x.status = ANY(:open)");
          if (current === false) filters.push("x.status <> ALL(:open)");
          if (after) filters.push("(x.planned_at, x.id) < (:afterAt::timestamptz, :afterId::uuid)");
          const rows = await repository
            .createQueryBuilder("p")
            .where(
              `p.id IN (SELECT page.id FROM unnest(:facilityIds::uuid[]) AS f(id) CROSS JOIN LATERAL (
                 SELECT x.id FROM placement x
                  WHERE x.facility_id = f.id ${filters.map((f) => `AND ${f}`).join(" ")}
                  ORDER BY x.planned_at DESC, x.id DESC LIMIT :limit) page)`,
              {
                facilityIds,
                open: [...OPEN_PLACEMENT_STATUSES],
                afterAt: after?.[0],
                afterId: after?.[1],
                limit: first + 1,
                ...pageRule.params,
              },
            )
            .orderBy("p.planned_at", "DESC")
            .addOrderBy("p.id", "DESC")
            .getMany();
          for (const facilityId of facilityIds) {
            const own = rows.filter((row) => row.facilityId === facilityId);
            pages.set(pageKey({ facilityId, first, after, current }), toPage(own, first, "time", placementCursorKey));
          }
        }
        return keys.map((key) => pages.get(pageKey(key)) as Page<Placement>);
      },
      { cacheKeyFn: pageKey },
    ),
  };
}

function pageKey(key: FacilityPlacementsKey): string {
  return JSON.stringify([key.facilityId, key.first, key.after, key.current]);
}
