import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A course in the training catalogue. Whether it is mandatory depends on the job role (CourseRequirement). */
@ObjectType({
  description: "A course in the training catalogue; passing it gives a certificate valid for validityMonths.",
})
@Entity({ name: "course" })
export class Course {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Short unique code, e.g. HRD-101." })
  @Index({ unique: true })
  @Column("varchar", { length: 32 })
  code: string;

  @Field({ description: "Title of the course." })
  @Column("varchar", { length: 300 })
  title: string;

  @Field(() => String, { nullable: true, description: "What the course covers and who it is for." })
  @Column("text", { nullable: true })
  description: string | null;

  @Field(() => [String], { description: "Topics the course covers." })
  @Column("text", { array: true, default: () => "'{}'" })
  topics: string[];

  @Field(() => Int, { description: "How many months a certificate from this course stays valid." })
  @Column("integer", { name: "validity_months" })
  validityMonths: number;

  @Field({ description: "When the course was added to the catalogue." })
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}
