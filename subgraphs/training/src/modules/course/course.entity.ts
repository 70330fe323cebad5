import { atMost, BoundedList, Classified, RecordOf } from "@kgraph/platform";
import { CourseRecords } from "../official/official.records";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A course in the training catalogue. Whether it is mandatory depends on the job role (CourseRequirement). */
@RecordOf(() => CourseRecords, (course: Course) => course.id)
@ObjectType({
  description: "A course in the training catalogue; passing it gives a certificate valid for validityMonths.",
})
@Entity({ name: "course" })
export class Course {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("training")
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Short unique code, e.g. HRD-101." })
  @Classified("training")
  @Index({ unique: true })
  @Column("varchar", { length: 32 })
  code: string;

  @Field({ description: "Title of the course." })
  @Classified("training")
  @Column("varchar", { length: 300 })
  title: string;

  @Field(() => String, { nullable: true, description: "What the course covers and who it is for." })
  @Classified("training")
  @Column("text", { nullable: true })
  description: string | null;

  // At most 20: as many as `createCourse` accepts.
  @BoundedList(20)
  @Field(() => [String], { description: "Topics the course covers." + " " + atMost(20) })
  @Classified("training")
  @Column("text", { array: true, default: () => "'{}'" })
  topics: string[];

  @Field(() => Int, { description: "How many months a certificate from this course stays valid." })
  @Classified("training")
  @Column("integer", { name: "validity_months" })
  validityMonths: number;

  @Field({ description: "When the course was added to the catalogue." })
  @Classified("training")
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}
