import { RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A course in the training catalogue. Whether it is mandatory depends on the job role (CourseRequirement). */
@ObjectType({
  description: "A course in the training catalogue; passing it gives a certificate valid for validityMonths.",
})
@Entity({ name: "course" })
export class Course {
  @Field(() => ID, { description: "Stable identifier." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Short unique code, e.g. HRD-101." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  @Index({ unique: true })
  @Column("varchar", { length: 32 })
  code: string;

  @Field({ description: "Title of the course." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  @Column("varchar", { length: 300 })
  title: string;

  @Field(() => String, { nullable: true, description: "What the course covers and who it is for." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  @Column("text", { nullable: true })
  description: string | null;

  @Field(() => [String], { description: "Topics the course covers." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  @Column("text", { array: true, default: () => "'{}'" })
  topics: string[];

  @Field(() => Int, { description: "How many months a certificate from this course stays valid." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  @Column("integer", { name: "validity_months" })
  validityMonths: number;

  @Field({ description: "When the course was added to the catalogue." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}
