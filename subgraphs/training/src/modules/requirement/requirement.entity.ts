import { Classified, RecordOf } from "@kgraph/platform";
import { CourseRequirementRecords } from "../official/official.records";
import type { Course } from "../course/course.entity";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { JobRole } from "../official/job-role";

/** Makes a course mandatory for every official in a job role. */
@RecordOf(() => CourseRequirementRecords, (courseRequirement: CourseRequirement) => courseRequirement.id)
@ObjectType({ description: "A course that is mandatory for every official in a job role." })
@Entity({ name: "course_requirement" })
@Index("course_requirement_role_course", ["jobRole", "courseId"], { unique: true })
export class CourseRequirement {
  @Field(() => ID, { description: "Stable identifier." })
  @Classified("training")
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => JobRole, { description: "The job role the course is mandatory for." })
  @Classified("training")
  @Column("varchar", { name: "job_role", length: 32 })
  jobRole: JobRole;

  @Index()
  @Column("uuid", { name: "course_id" })
  courseId: string;

  /** The course, when a loader joined it in (not a column). */
  course?: Course;

  @Field({ description: "When the requirement was set." })
  @Classified("training")
  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;
}
