import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { manyByKey } from "@kgraph/platform";
import { ProtectionScreening } from "./screening.entity";

export function createScreeningLoaders(db: DataSource) {
  return {
    /** Every screening of each case, oldest first. */
    screeningsByCaseId: new DataLoader<string, ProtectionScreening[]>(async (caseIds) => {
      const rows = await db
        .getRepository(ProtectionScreening)
        .find({ where: { caseId: In([...caseIds]) }, order: { screenedAt: "ASC", id: "ASC" } });
      return manyByKey(caseIds, rows, (row) => row.caseId);
    }),
  };
}
