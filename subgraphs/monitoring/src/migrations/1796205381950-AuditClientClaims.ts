import type { MigrationInterface, QueryRunner } from "typeorm";

export class AuditClientClaims1796205381950 implements MigrationInterface {
  name = "AuditClientClaims1796205381950";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "monitoring"."audit_event" ADD "client_operation_name" character varying(100)',
    );
    await queryRunner.query('ALTER TABLE "monitoring"."audit_event" ADD "client_request_id" character varying(128)');
    await queryRunner.query(
      'ALTER TABLE "monitoring"."audit_event" ADD "hash_version" smallint NOT NULL DEFAULT \'1\'',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "monitoring"."audit_event" DROP COLUMN "hash_version"');
    await queryRunner.query('ALTER TABLE "monitoring"."audit_event" DROP COLUMN "client_request_id"');
    await queryRunner.query('ALTER TABLE "monitoring"."audit_event" DROP COLUMN "client_operation_name"');
  }
}
