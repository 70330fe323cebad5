import type { MigrationInterface, QueryRunner } from "typeorm";

export class AuditRequestIdIndex1796232101919 implements MigrationInterface {
  name = "AuditRequestIdIndex1796232101919";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_8b0cf8a255e4215403a4e29c8e" ON "facilities"."audit_event"  ("request_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "facilities"."IDX_8b0cf8a255e4215403a4e29c8e"');
  }
}
