import { Classified, RecordOf } from "@kgraph/platform";
import { CaseRecords } from "./case.records";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Directive } from "type-graphql";
import { CaseStatus } from "./case-status";

export enum AgeBand {
  UNDER_18 = "UNDER_18",
  AGE_18_25 = "AGE_18_25",
  AGE_26_35 = "AGE_26_35",
  AGE_36_50 = "AGE_36_50",
  OVER_50 = "OVER_50",
}
registerEnumType(AgeBand, {
  name: "AgeBand",
  description: "Age at nomination, in bands (the date of birth is identity data).",
  valuesConfig: {
    UNDER_18: { description: "Under 18: a minor." },
    AGE_18_25: { description: "18 to 25." },
    AGE_26_35: { description: "26 to 35." },
    AGE_36_50: { description: "36 to 50." },
    OVER_50: { description: "Over 50." },
  },
});

/**
 * A person received under an agreement, from nomination to onward return. Identity lives in
 * `Person`, so the case itself can be shown to roles that must not see who it is.
 */
@RecordOf(() => CaseRecords, (c: Case) => c.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: "A person's case in the programme, from nomination to onward return." })
@Entity({ name: "case" })
@Index("case_opened_keyset", ["openedAt", "id"])
export class Case {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Human-readable case number, e.g. RKS-2026-000123." })
  @Classified("case")
  @Index({ unique: true })
  @Column("varchar", { name: "case_number", length: 32 })
  caseNumber: string;

  @Field(() => CaseStatus, { description: "Where the case stands; changes follow the case state machine." })
  @Classified("case")
  @Index()
  @Column("varchar", { length: 32 })
  status: CaseStatus;

  @Index()
  @Column("uuid", { name: "agreement_id" })
  agreementId: string;

  @Field({ description: "Nationality as an ISO 3166-1 alpha-2 code." })
  @Classified("case")
  @Index()
  @Column("char", { length: 2 })
  nationality: string;

  @Field(() => AgeBand, { description: "Age band at nomination." })
  @Classified("case")
  @Column("varchar", { name: "age_band", length: 16 })
  ageBand: AgeBand;

  @Field({ description: "When the case was opened (nomination received)." })
  @Classified("case")
  @Column("timestamptz", { name: "opened_at" })
  openedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the person arrived and was handed over; null before." })
  @Classified("case")
  @Index()
  @Column("timestamptz", { name: "arrived_at", nullable: true })
  arrivedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the case reached a final status; null while open." })
  @Classified("case")
  @Column("timestamptz", { name: "closed_at", nullable: true })
  closedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the case was declined or closed, when it was. Free text about the person: sensitive.",
  })
  @Classified("sensitive")
  @Column("varchar", { name: "status_reason", length: 500, nullable: true })
  statusReason: string | null;

  @Index()
  @Column("uuid", { name: "transfer_id", nullable: true })
  transferId: string | null;

  @Index()
  @Column("uuid", { name: "assigned_officer_id", nullable: true })
  assignedOfficerId: string | null;
}
