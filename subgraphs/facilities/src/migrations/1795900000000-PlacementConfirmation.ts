import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A placement opens a resident's identity to the facility's staff only once an MIA officer has
 * planned or confirmed it (DESIGN §3): placements get `confirmed_at`/`confirmed_by`, and the
 * published view `facilities.case_residence` lists confirmed placements only. Placements made
 * before this migration were all planned by officers (staff could not yet have their own counted
 * apart), so they are confirmed as of when they were planned.
 */
export class PlacementConfirmation1795900000000 implements MigrationInterface {
  name = "PlacementConfirmation1795900000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "facilities"."placement" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "facilities"."placement" ADD "confirmed_by" character varying(200)');
    await queryRunner.query('UPDATE "facilities"."placement" SET "confirmed_at" = "planned_at"');
    await queryRunner.query(`
      CREATE OR REPLACE VIEW "facilities"."case_residence" AS
      SELECT p."case_id" AS case_id,
             p."facility_id" AS facility_id,
             (p."status" IN ('PLANNED', 'CHECKED_IN')) AS current
        FROM "facilities"."placement" p
       WHERE p."status" <> 'CANCELLED' AND p."confirmed_at" IS NOT NULL
    `);
    await queryRunner.query(
      `COMMENT ON VIEW "facilities"."case_residence" IS ` +
        `'Published contract of the facilities subgraph for other subgraphs'' record rules: every placement an MIA ` +
        `officer planned or confirmed and that was not cancelled (case_id, facility_id), current = PLANNED or CHECKED_IN. Read-only.'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW "facilities"."case_residence" AS
      SELECT p."case_id" AS case_id,
             p."facility_id" AS facility_id,
             (p."status" IN ('PLANNED', 'CHECKED_IN')) AS current
        FROM "facilities"."placement" p
       WHERE p."status" <> 'CANCELLED'
    `);
    await queryRunner.query('ALTER TABLE "facilities"."placement" DROP COLUMN "confirmed_by"');
    await queryRunner.query('ALTER TABLE "facilities"."placement" DROP COLUMN "confirmed_at"');
  }
}
