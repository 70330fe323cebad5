import { Classified, RecordOf } from "@kgraph/platform";
import { CaseRecords } from "../case/case.records";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum ScreeningOutcome {
  NO_RISK_IDENTIFIED = "NO_RISK_IDENTIFIED",
  RISK_IDENTIFIED = "RISK_IDENTIFIED",
  REFERRED_FOR_ASYLUM = "REFERRED_FOR_ASYLUM",
  PENDING = "PENDING",
}
registerEnumType(ScreeningOutcome, {
  name: "ScreeningOutcome",
  description: "What a protection screening found about return to a destination.",
  valuesConfig: {
    NO_RISK_IDENTIFIED: { description: "No risk of serious harm on return was identified." },
    RISK_IDENTIFIED: { description: "A risk of serious harm on return was identified: no return there." },
    REFERRED_FOR_ASYLUM: { description: "The person was referred to the asylum procedure." },
    PENDING: { description: "The screening is under way; no outcome yet." },
  },
});

/** A non-refoulement screening: the risk of serious harm if the person is sent to a country. */
@RecordOf(() => CaseRecords, (screening: ProtectionScreening) => screening.caseId)
@ObjectType({ description: "A protection (non-refoulement) screening of the risk in a destination country." })
@Entity({ name: "protection_screening" })
@Index("protection_screening_by_case", ["caseId", "screenedAt"])
export class ProtectionScreening {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("case")
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Field({ description: "The country the risk was assessed for (ISO 3166-1 alpha-2)." })
  @Classified("case")
  @Column("char", { name: "destination_country", length: 2 })
  destinationCountry: string;

  @Field(() => ScreeningOutcome, {
    // Nullable so a caller without case:sensitive:read loses only this field, not the screening.
    nullable: true,
    description: "What the screening found. Sensitive (case:sensitive:read); never null for those who may read it.",
  })
  @Classified("sensitive")
  @Column("varchar", { length: 32 })
  outcome: ScreeningOutcome;

  @Field(() => String, { nullable: true, description: "Summary of the protection claim made. Sensitive." })
  @Classified("sensitive")
  @Column("text", { name: "claim_summary", nullable: true })
  claimSummary: string | null;

  @Field({ description: "When the screening interview took place." })
  @Classified("case")
  @Column("timestamptz", { name: "screened_at" })
  screenedAt: Date;

  @Column("uuid", { name: "screened_by_id" })
  screenedById: string;

  @Field({ description: "When the screening was recorded." })
  @Classified("case")
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}
