import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { firstManyByKey } from "@kgraph/platform";
import { ProtectionScreening } from "./screening.entity";

/** `Case.screenings` states this maximum and the loader reads one more, to know when to cut. */
export const SCREENINGS_PER_CASE = 20;

export function createScreeningLoaders(db: DataSource) {
  return {
    /** The first SCREENINGS_PER_CASE + 1 screenings of each case, oldest first. */
    screeningsByCaseId: new DataLoader<string, ProtectionScreening[]>((caseIds) =>
      firstManyByKey(caseIds, db.getRepository(ProtectionScreening).createQueryBuilder("s"), {
        column: "s.case_id",
        keyOf: (row) => row.caseId,
        order: [
          ["s.screened_at", "ASC"],
          ["s.id", "ASC"],
        ],
        limit: SCREENINGS_PER_CASE + 1,
      }),
    ),
  };
}
