import { type RecordAccess, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { ComplaintEscalation } from "./complaint-escalation.entity";
import { Complaint } from "./complaint.entity";
import { ComplaintRecords } from "./complaint.records";

/** Loaders for one request: complaints outside the viewer's read rule are absent. */
export function createComplaintLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(ComplaintRecords, SCOPES.COMPLAINT_READ, "c");
  return {
    complaintById: new DataLoader<string, Complaint | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db.getRepository(Complaint).createQueryBuilder("c").where("c.id IN (:...ids)", { ids: wanted });
      const rows = await query.andWhere(readable.sql, readable.params).getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A complaint's escalations, oldest first (reached only through a complaint the viewer reads). */
    escalationsByComplaintId: new DataLoader<string, ComplaintEscalation[]>(async (complaintIds) => {
      const rows = await db
        .getRepository(ComplaintEscalation)
        .find({ where: { complaintId: In([...complaintIds]) }, order: { at: "ASC", id: "ASC" } });
      return manyByKey(complaintIds, rows, (row) => row.complaintId);
    }),
  };
}
