import type { MigrationInterface, QueryRunner } from "typeorm";

export class AssessmentsAndReports1796292852419 implements MigrationInterface {
  name = "AssessmentsAndReports1796292852419";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "oversight"."impact_assessment" ("id" uuid NOT NULL, "task_force_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "quarter" character varying(7) NOT NULL, "scope" character varying(16) NOT NULL, "facility_id" uuid, "policy" character varying(300), "method" text NOT NULL, "findings" text array NOT NULL, "status" character varying(16) NOT NULL, "frozen_indicators" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consultation_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0ee765f863ae3d858943cdf0dda" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "impact_assessment_by_creation" ON "oversight"."impact_assessment"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."assessment_recommendation" ("id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "position" integer NOT NULL, "text" character varying(2000) NOT NULL, "addressee_agency" character varying(24) NOT NULL, "addressee_org_id" uuid, "addressee_official_name" character varying(200) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "action_item_id" uuid, CONSTRAINT "PK_bebcf432ab39ec9ca1921e39d93" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "assessment_recommendation_order" ON "oversight"."assessment_recommendation"  ("assessment_id", "position") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."public_report" ("quarter" character varying(7) NOT NULL, "assessment_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "html" text NOT NULL, CONSTRAINT "PK_0981c590f80921552354bf2b54f" PRIMARY KEY ("quarter"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "oversight"."public_report"');
    await queryRunner.query('DROP INDEX "oversight"."assessment_recommendation_order"');
    await queryRunner.query('DROP TABLE "oversight"."assessment_recommendation"');
    await queryRunner.query('DROP INDEX "oversight"."impact_assessment_by_creation"');
    await queryRunner.query('DROP TABLE "oversight"."impact_assessment"');
  }
}
