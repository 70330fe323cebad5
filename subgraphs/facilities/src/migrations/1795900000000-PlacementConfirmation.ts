import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A placement opens a resident's identity to the facility's staff only once an MIA officer has
 * planned or confirmed it (DESIGN §3): placements get `confirmed_at`/`confirmed_by`, and the
 * published view `facilities.case_residence` lists confirmed placements only. Placements made
 * before this migration are confirmed as of when they were planned, except those the audit trail
 * shows facility staff made themselves: an officer confirms those first.
 */
export class PlacementConfirmation1795900000000 implements MigrationInterface {
  name = "PlacementConfirmation1795900000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "facilities"."placement" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "facilities"."placement" ADD "confirmed_by" character varying(200)');
    // Not those facility staff made themselves: before this migration they could place anyone at
    // their facility, and confirming those would keep the people open to them. The audit trail
    // names each placeCase's author; a placement without such an event was seeded or imported.
    await queryRunner.query(`
      UPDATE "facilities"."placement" p SET "confirmed_at" = p."planned_at"
       WHERE NOT EXISTS (
         SELECT 1 FROM "facilities"."audit_event" e
          WHERE e."kind" = 'WRITE' AND e."operation" LIKE '%mutation placeCase'
            AND p."id"::text = ANY(e."record_ids") AND NOT ('mia_officer' = ANY(e."actor_roles")))
    `);
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
