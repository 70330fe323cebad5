import { type Viewer, manyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { whereRule } from "../../record-rules";
import { ComplaintEscalation } from "./complaint-escalation.entity";
import { Complaint } from "./complaint.entity";
import { complaintReadCondition, complaintReadScope } from "./complaint.policy";

/** Loaders for one request: complaints outside the viewer's read rule are absent. */
export function createComplaintLoaders(db: DataSource, viewer: Viewer) {
  const readable = complaintReadCondition(complaintReadScope(viewer), "c");
  return {
    complaintById: new DataLoader<string, Complaint | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const query = db.getRepository(Complaint).createQueryBuilder("c").where("c.id IN (:...ids)", { ids: wanted });
      const rows = await whereRule(query, readable).getMany();
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
