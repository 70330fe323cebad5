import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * PUBLISHED CONTRACT for other subgraphs' record rules (DESIGN §3, issue 3): a read-only view
 * of the current counsel of record of each case. Other subgraphs (facilities, monitoring, …)
 * may read `cases.counsel_client` — and nothing else of this schema — to narrow what a
 * legal_counsel sees to their clients. Keep its name and columns (case_id uuid, counsel_id uuid)
 * stable: changing them breaks those subgraphs. Written by hand; the entities do not describe it.
 */
export class PublishedAuthorizationViews1795811055203 implements MigrationInterface {
  name = "PublishedAuthorizationViews1795811055203";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE OR REPLACE VIEW "cases"."counsel_client" AS SELECT "case_id", "counsel_id" FROM "cases"."legal_representation" WHERE "valid_to" IS NULL',
    );
    await queryRunner.query(
      "COMMENT ON VIEW \"cases\".\"counsel_client\" IS 'Published contract: current counsel of record per case, for other subgraphs'' record rules. Read-only.'",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW "cases"."counsel_client"');
  }
}
