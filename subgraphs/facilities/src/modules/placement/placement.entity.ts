import { Classified, RecordOf } from "@kgraph/platform";
import { PlacementRecords } from "./placement.records";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Check, Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum PlacementRegime {
  DETAINED = "DETAINED",
  OPEN = "OPEN",
}
registerEnumType(PlacementRegime, {
  name: "PlacementRegime",
  description: "Whether the person may leave the facility.",
  valuesConfig: {
    DETAINED: { description: "Deprived of liberty; only in a DETENTION_CENTRE." },
    OPEN: { description: "Free to come and go." },
  },
});

export enum PlacementStatus {
  PLANNED = "PLANNED",
  CHECKED_IN = "CHECKED_IN",
  CHECKED_OUT = "CHECKED_OUT",
  CANCELLED = "CANCELLED",
}
registerEnumType(PlacementStatus, {
  name: "PlacementStatus",
  description: "Where a placement stands: PLANNED → CHECKED_IN → CHECKED_OUT, or PLANNED → CANCELLED.",
  valuesConfig: {
    PLANNED: { description: "A place is reserved; the person has not arrived. Counts against capacity." },
    CHECKED_IN: { description: "The person lives in the facility. Counts against capacity and as occupancy." },
    CHECKED_OUT: { description: "The person has left (final)." },
    CANCELLED: { description: "Cancelled before check-in (final)." },
  },
});

/** The statuses of an open placement: a case has at most one, and they hold a place. */
export const OPEN_PLACEMENT_STATUSES: readonly PlacementStatus[] = [
  PlacementStatus.PLANNED,
  PlacementStatus.CHECKED_IN,
];

/** Name of the partial unique index behind "one open placement per case". */
export const ONE_OPEN_PLACEMENT_PER_CASE = "placement_one_open_per_case";

/** A case's stay (planned, current or past) in one facility. */
@RecordOf(() => PlacementRecords, (placement: Placement) => placement.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: "A case's stay in a facility: planned, checked in, checked out or cancelled." })
@Entity({ name: "placement" })
// The database itself keeps one open placement per case, even against concurrent requests.
@Index(ONE_OPEN_PLACEMENT_PER_CASE, ["caseId"], { unique: true, where: `"status" IN ('PLANNED', 'CHECKED_IN')` })
@Index("placement_case_keyset", ["caseId", "plannedAt", "id"])
@Index("placement_facility_keyset", ["facilityId", "plannedAt", "id"])
@Index("placement_facility_status", ["facilityId", "status"])
@Check("placement_check_out_after_check_in", `"check_out_at" IS NULL OR "check_out_at" >= "check_in_at"`)
export class Placement {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  /** The case, owned by the cases subgraph (no foreign key across subgraphs). */
  @Column("uuid", { name: "case_id" })
  caseId: string;

  @Column("uuid", { name: "facility_id" })
  facilityId: string;

  @Classified("placement")
  @Field(() => PlacementRegime, { description: "Whether the person is detained or free to come and go." })
  @Column("varchar", { length: 16 })
  regime: PlacementRegime;

  @Classified("placement")
  @Field(() => PlacementStatus, { description: "Where the placement stands." })
  @Column("varchar", { length: 16 })
  status: PlacementStatus;

  @Classified("placement")
  @Field({ description: "When the person is (or was) expected at the facility." })
  @Column("timestamptz", { name: "planned_at" })
  plannedAt: Date;

  @Classified("placement")
  @Field(() => Date, { nullable: true, description: "When the person checked in; null before." })
  @Column("timestamptz", { name: "check_in_at", nullable: true })
  checkInAt: Date | null;

  @Classified("placement")
  @Field(() => Date, { nullable: true, description: "When the person checked out; null while not checked out." })
  @Column("timestamptz", { name: "check_out_at", nullable: true })
  checkOutAt: Date | null;

  @Classified("sensitive")
  @Field(() => String, {
    nullable: true,
    description:
      "Why the person left, e.g. onward return or move to another facility; null before check-out. Free text about the person: sensitive.",
  })
  @Column("varchar", { name: "check_out_reason", length: 500, nullable: true })
  checkOutReason: string | null;

  @Classified("placement")
  @Field(() => Date, { nullable: true, description: "When the placement was cancelled; null unless CANCELLED." })
  @Column("timestamptz", { name: "cancelled_at", nullable: true })
  cancelledAt: Date | null;

  @Classified("sensitive")
  @Field(() => String, {
    nullable: true,
    description: "Why the placement was cancelled; null unless CANCELLED. Free text about the person: sensitive.",
  })
  @Column("varchar", { name: "cancellation_reason", length: 500, nullable: true })
  cancellationReason: string | null;

  @Classified("placement")
  @Field(() => Date, {
    nullable: true,
    description:
      "When an MIA officer planned or confirmed the placement; null while unconfirmed. Until then a placement facility staff recorded themselves opens nothing to them about the person.",
  })
  @Column("timestamptz", { name: "confirmed_at", nullable: true })
  confirmedAt: Date | null;

  /** Who confirmed it (the officer's subject); kept for accountability, not served. */
  @Column("varchar", { name: "confirmed_by", length: 200, nullable: true })
  confirmedBy: string | null;
}
