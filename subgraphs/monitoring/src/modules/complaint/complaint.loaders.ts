import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ComplaintEscalation } from "./complaint-escalation.entity";
import { Complaint } from "./complaint.entity";
import { ComplaintRecords } from "./complaint.records";

/** The maximum `Complaint.escalations` states. */
export const ESCALATIONS_PER_COMPLAINT = 20;

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
    /**
     * A complaint's first ESCALATIONS_PER_COMPLAINT + 1 escalations, oldest first (reached only
     * through a complaint the viewer reads).
     */
    escalationsByComplaintId: new DataLoader<string, ComplaintEscalation[]>((complaintIds) =>
      firstManyByKey(complaintIds, db.getRepository(ComplaintEscalation).createQueryBuilder("e"), {
        column: "e.complaint_id",
        keyOf: (row) => row.complaintId,
        order: [
          ["e.escalated_at", "ASC"],
          ["e.id", "ASC"],
        ],
        limit: ESCALATIONS_PER_COMPLAINT + 1,
      }),
    ),
  };
}
