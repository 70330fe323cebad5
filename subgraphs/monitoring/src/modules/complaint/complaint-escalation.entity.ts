import { RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@ObjectType({ description: "A referral of a complaint to another authority." })
@Entity({ name: "complaint_escalation" })
@Index("complaint_escalation_complaint_at", ["complaintId", "at"])
export class ComplaintEscalation {
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "complaint_id" })
  complaintId: string;

  @RequiresScopes(SCOPES.COMPLAINT_READ)
  @Field({
    description: 'The authority the complaint was referred to, e.g. "Police Inspectorate" or "State Prosecutor".',
  })
  @Column("varchar", { name: "escalated_to", length: 200 })
  to: string;

  @RequiresScopes(SCOPES.COMPLAINT_READ)
  @Field({ description: "When it was referred." })
  @Column("timestamptz", { name: "escalated_at" })
  at: Date;

  @RequiresScopes(SCOPES.COMPLAINT_READ)
  @Field({ description: "Why it was referred." })
  @Column("text")
  reason: string;
}
