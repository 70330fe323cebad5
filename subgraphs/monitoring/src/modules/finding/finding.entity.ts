import { Classified, RecordOf } from "@kgraph/platform";
import { FindingRecords } from "./finding.records";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum FindingSeverity {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  CRITICAL = "CRITICAL",
}
registerEnumType(FindingSeverity, {
  name: "FindingSeverity",
  description: "How serious a finding is for the people concerned.",
  valuesConfig: {
    LOW: { description: "A shortcoming with little effect on people's rights or wellbeing." },
    MEDIUM: { description: "A shortcoming that affects people's rights or wellbeing and needs correcting." },
    HIGH: { description: "A serious shortcoming needing prompt correction." },
    CRITICAL: { description: "A risk of ill-treatment or to life or health needing immediate action." },
  },
});

// An entity, so the task force (oversight) can point to a finding its action items concern.
@Directive('@key(fields: "id")')
@RecordOf(() => FindingRecords, (finding: Finding) => finding.id)
@ObjectType({ description: "Something a monitoring visit found, measured against a standard." })
@Entity({ name: "finding" })
@Index("finding_visit_created", ["visitId", "createdAt"])
export class Finding {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "visit_id" })
  visitId: string;

  @Classified("monitoringReport")
  @Field(() => FindingSeverity, { description: "How serious the finding is." })
  @Column("varchar", { length: 16 })
  severity: FindingSeverity;

  @Classified("monitoringReport")
  @Field({
    description:
      'The standard the finding is measured against, e.g. "CPT/Inf(2017)3 §12" or "Nelson Mandela Rules, rule 13".',
  })
  @Column("varchar", { name: "standard_ref", length: 200 })
  standardRef: string;

  @Classified("monitoringReport")
  @Field({ description: "What the monitors found." })
  @Column("text")
  description: string;

  @Classified("monitoringReport")
  @Field({ description: "When the finding was recorded." })
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}
