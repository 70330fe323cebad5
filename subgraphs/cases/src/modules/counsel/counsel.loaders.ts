import DataLoader from "dataloader";
import { In, IsNull, type DataSource } from "typeorm";
import { manyByKey, oneByKey } from "@kgraph/platform";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "./counsel.entity";

export function createCounselLoaders(db: DataSource) {
  return {
    /** The current representation of each case (the one not ended), or null. */
    currentRepresentationByCaseId: new DataLoader<string, LegalRepresentation | null>(async (caseIds) => {
      const rows = await db.getRepository(LegalRepresentation).findBy({ caseId: In([...caseIds]), to: IsNull() });
      return oneByKey(caseIds, rows, (row) => row.caseId);
    }),
    /** Every representation of each case, newest first. */
    representationsByCaseId: new DataLoader<string, LegalRepresentation[]>(async (caseIds) => {
      const rows = await db
        .getRepository(LegalRepresentation)
        .find({ where: { caseId: In([...caseIds]) }, order: { from: "DESC", id: "ASC" } });
      return manyByKey(caseIds, rows, (row) => row.caseId);
    }),
    /** Every counsel contact event of each case, oldest request first. */
    counselContactsByCaseId: new DataLoader<string, CounselContactEvent[]>(async (caseIds) => {
      const rows = await db
        .getRepository(CounselContactEvent)
        .find({ where: { caseId: In([...caseIds]) }, order: { requestedAt: "ASC", id: "ASC" } });
      return manyByKey(caseIds, rows, (row) => row.caseId);
    }),
    /** Every privileged note of each case, oldest first. */
    privilegedNotesByCaseId: new DataLoader<string, PrivilegedNote[]>(async (caseIds) => {
      const rows = await db
        .getRepository(PrivilegedNote)
        .find({ where: { caseId: In([...caseIds]) }, order: { createdAt: "ASC", id: "ASC" } });
      return manyByKey(caseIds, rows, (row) => row.caseId);
    }),
  };
}
