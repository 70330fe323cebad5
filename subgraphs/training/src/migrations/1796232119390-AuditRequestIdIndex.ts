import type { MigrationInterface, QueryRunner } from "typeorm";

export class AuditRequestIdIndex1796232119390 implements MigrationInterface {
  name = "AuditRequestIdIndex1796232119390";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_8b0cf8a255e4215403a4e29c8e" ON "training"."audit_event"  ("request_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "training"."IDX_8b0cf8a255e4215403a4e29c8e"');
  }
}
