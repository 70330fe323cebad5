import { Classified } from "@kgraph/platform";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The public report of a quarter: a self-contained HTML page with charts, rendered once when the
 * quarter's programme assessment is published, from the figures published then; never re-rendered.
 */
@ObjectType({
  description:
    "The periodic public report of a quarter: a self-contained HTML page with charts, every figure from the published cells of the public statistics, rendered when the quarter's programme impact assessment was published and never changed after. The gateway serves it at /reports/<quarter>.",
})
@Entity({ name: "public_report" })
export class PublicReport {
  @Field({ description: "The quarter it reports on, as YYYY-Qn." })
  @Classified("public")
  @PrimaryColumn("varchar", { length: 7 })
  quarter: string;

  @Column("uuid", { name: "assessment_id" })
  assessmentId: string;

  @Field({ description: "When it was published." })
  @Classified("public")
  @Column("timestamptz", { name: "published_at" })
  publishedAt: Date;

  @Field({ description: "The report: one self-contained HTML document (inline charts, no outside requests)." })
  @Classified("public")
  @Column("text")
  html: string;
}
