import type { MigrationInterface, QueryRunner } from "typeorm";

export class ComplaintFiledBy1795811077297 implements MigrationInterface {
  name = "ComplaintFiledBy1795811077297";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "monitoring"."complaint" ADD "filed_by" character varying(200)');
    await queryRunner.query('CREATE INDEX "IDX_87301ba516e179e77589ec83a9" ON "monitoring"."complaint"  ("filed_by") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "monitoring"."IDX_87301ba516e179e77589ec83a9"');
    await queryRunner.query('ALTER TABLE "monitoring"."complaint" DROP COLUMN "filed_by"');
  }
}
