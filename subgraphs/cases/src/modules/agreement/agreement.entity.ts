import { atMost, BoundedList } from "@kgraph/platform";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum AgreementStatus {
  DRAFT = "DRAFT",
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  ENDED = "ENDED",
}
registerEnumType(AgreementStatus, {
  name: "AgreementStatus",
  description: "Whether the agreement is in force.",
  valuesConfig: {
    DRAFT: { description: "Negotiated, not yet in force." },
    ACTIVE: { description: "In force: cases may be nominated under it." },
    SUSPENDED: { description: "Temporarily not accepting nominations." },
    ENDED: { description: "Its term has ended or it was terminated." },
  },
});

/**
 * The bilateral arrangement cases are received under. Its terms differ between published
 * accounts, so they are data, never constants.
 */
@ObjectType({
  description: "A bilateral agreement under which third-country nationals are received; its terms are data.",
})
@Entity({ name: "agreement" })
export class Agreement {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Title of the agreement as published." })
  @Column("varchar", { length: 300 })
  title: string;

  // At most 10: a bilateral agreement, with room for witnesses and observers.
  @BoundedList(10)
  @Field(() => [String], { description: "The parties to the agreement." + " " + atMost(10) })
  @Column("text", { array: true })
  parties: string[];

  @Field({ description: "Date the term starts (YYYY-MM-DD)." })
  @Column("date", { name: "term_start" })
  termStart: string;

  @Field(() => String, { nullable: true, description: "Date the term ends (YYYY-MM-DD); null when open-ended." })
  @Column("date", { name: "term_end", nullable: true })
  termEnd: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Most arrivals allowed in one calendar month; null when none is set.",
  })
  @Column("integer", { name: "monthly_cap", nullable: true })
  monthlyCap: number | null;

  @Field(() => Int, { nullable: true, description: "Most cases accepted over the whole term; null when none is set." })
  @Column("integer", { name: "total_cap", nullable: true })
  totalCap: number | null;

  @Field(() => AgreementStatus, { description: "Whether the agreement is in force." })
  @Column("varchar", { length: 16 })
  status: AgreementStatus;
}
