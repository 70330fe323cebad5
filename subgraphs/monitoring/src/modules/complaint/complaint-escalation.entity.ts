import { Classified, RecordOf } from "@kgraph/platform";
import { ComplaintRecords } from "./complaint.records";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@RecordOf(() => ComplaintRecords, (complaintEscalation: ComplaintEscalation) => complaintEscalation.complaintId)
@ObjectType({ description: "A referral of a complaint to another authority." })
@Entity({ name: "complaint_escalation" })
@Index("complaint_escalation_complaint_at", ["complaintId", "at"])
export class ComplaintEscalation {
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "complaint_id" })
  complaintId: string;

  @Classified("complaint")
  @Field({
    description: 'The authority the complaint was referred to, e.g. "Police Inspectorate" or "State Prosecutor".',
  })
  @Column("varchar", { name: "escalated_to", length: 200 })
  to: string;

  @Classified("complaint")
  @Field({ description: "When it was referred." })
  @Column("timestamptz", { name: "escalated_at" })
  at: Date;

  @Classified("complaint")
  @Field({ description: "Why it was referred." })
  @Column("text")
  reason: string;
}
