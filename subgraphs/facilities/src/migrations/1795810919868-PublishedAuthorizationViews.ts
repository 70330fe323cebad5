import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * PUBLISHED CONTRACT for other subgraphs' record rules (DESIGN §3): `facilities.case_residence`
 * is one of the two read-only views that are the only SQL crossing a subgraph's schema. The
 * cases, monitoring and training subgraphs read it to find the people currently or formerly
 * placed in a facility (facility staff see only those). Its columns and meaning are a contract:
 * change them only together with every consumer.
 *
 * One row per placement that was not cancelled: `current` is true while the placement is open
 * (PLANNED or CHECKED_IN), false once CHECKED_OUT.
 */
export class PublishedAuthorizationViews1795810919868 implements MigrationInterface {
  name = "PublishedAuthorizationViews1795810919868";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW "facilities"."case_residence" AS
      SELECT p."case_id" AS case_id,
             p."facility_id" AS facility_id,
             (p."status" IN ('PLANNED', 'CHECKED_IN')) AS current
        FROM "facilities"."placement" p
       WHERE p."status" <> 'CANCELLED'
    `);
    await queryRunner.query(
      `COMMENT ON VIEW "facilities"."case_residence" IS ` +
        `'Published contract of the facilities subgraph for other subgraphs'' record rules: every non-cancelled ` +
        `placement (case_id, facility_id), current = PLANNED or CHECKED_IN. Read-only.'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "facilities"."case_residence"`);
  }
}
