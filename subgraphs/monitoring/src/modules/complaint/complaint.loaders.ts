import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { ComplaintEscalation } from "./complaint-escalation.entity";
import { Complaint } from "./complaint.entity";

export function createComplaintLoaders(db: DataSource) {
  return {
    complaintById: new DataLoader<string, Complaint | null>(async (ids) => {
      const rows = await db.getRepository(Complaint).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A complaint's escalations, oldest first. */
    escalationsByComplaintId: new DataLoader<string, ComplaintEscalation[]>(async (complaintIds) => {
      const rows = await db
        .getRepository(ComplaintEscalation)
        .find({ where: { complaintId: In([...complaintIds]) }, order: { at: "ASC", id: "ASC" } });
      const grouped = new Map<string, ComplaintEscalation[]>(complaintIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.complaintId)?.push(row);
      return complaintIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}
