import { Classified, RecordOf } from "@kgraph/platform";
import { TransferRecords } from "../case/case.records";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Case } from "../case/case.entity";

export enum TransferDirection {
  INBOUND = "INBOUND",
  ONWARD = "ONWARD",
}
registerEnumType(TransferDirection, {
  name: "TransferDirection",
  description: "Which way a transfer carries people.",
  valuesConfig: {
    INBOUND: { description: "From the sending state to Kosovo; takes ACCEPTED cases, hands them over as RECEIVED." },
    ONWARD: { description: "From Kosovo onward; takes ONWARD_RETURN_PLANNED cases, hands them over as RETURNED." },
  },
});

export enum TransferStatus {
  PLANNED = "PLANNED",
  IN_FLIGHT = "IN_FLIGHT",
  ARRIVED = "ARRIVED",
  HANDED_OVER = "HANDED_OVER",
  CANCELLED = "CANCELLED",
}
registerEnumType(TransferStatus, {
  name: "TransferStatus",
  description: "Where a transfer stands.",
  valuesConfig: {
    PLANNED: { description: "Booked; not yet departed." },
    IN_FLIGHT: { description: "Departed; not yet arrived." },
    ARRIVED: { description: "Landed; the people on it are not yet handed over." },
    HANDED_OVER: { description: "The people on it were handed over to the receiving authorities (final)." },
    CANCELLED: { description: "Called off before departure (final)." },
  },
});

/** A flight carrying cases, inbound to Kosovo or onward from it. */
@RecordOf(() => TransferRecords, (transfer: Transfer) => transfer.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: "A flight carrying cases, inbound to Kosovo or onward from it, up to their handover." })
@Entity({ name: "transfer" })
@Index("transfer_departure_keyset", ["departureAt", "id"])
export class Transfer {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => TransferDirection, { description: "Inbound to Kosovo or onward from it." })
  @Classified("case")
  @Column("varchar", { length: 16 })
  direction: TransferDirection;

  @Field({ description: "Flight number or call sign, e.g. SYN123." })
  @Classified("case")
  @Column("varchar", { name: "flight_number", length: 16 })
  flightNumber: string;

  @Field({ description: "Scheduled departure; the actual one once the transfer is IN_FLIGHT." })
  @Classified("case")
  @Column("timestamptz", { name: "departure_at" })
  departureAt: Date;

  @Field(() => Date, { nullable: true, description: "Scheduled or actual arrival; null when not known." })
  @Classified("case")
  @Column("timestamptz", { name: "arrival_at", nullable: true })
  arrivalAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the people on it were handed over; null before." })
  @Classified("case")
  @Column("timestamptz", { name: "handover_at", nullable: true })
  handoverAt: Date | null;

  @Field(() => TransferStatus, { description: "Where the transfer stands." })
  @Classified("case")
  @Index()
  @Column("varchar", { length: 16 })
  status: TransferStatus;

  @Field(() => String, { nullable: true, description: "Why the transfer was cancelled; null unless CANCELLED." })
  @Classified("case")
  @Column("varchar", { name: "cancellation_reason", length: 500, nullable: true })
  cancellationReason: string | null;

  @Field({ description: "When the transfer was recorded." })
  @Classified("case")
  @Column("timestamptz", { name: "recorded_at" })
  recordedAt: Date;
}

/**
 * Which cases are booked on which transfer. Kept apart from `case.transfer_id` (the case's
 * latest transfer) so an inbound transfer still lists its people after they leave onward.
 */
@Entity({ name: "transfer_case" })
export class TransferCase {
  @PrimaryColumn("uuid", { name: "transfer_id" })
  transferId: string;

  @Index()
  @PrimaryColumn("uuid", { name: "case_id" })
  caseId: string;

  @ManyToOne(() => Case, { createForeignKeyConstraints: false })
  @JoinColumn({ name: "case_id" })
  case?: Case;
}
