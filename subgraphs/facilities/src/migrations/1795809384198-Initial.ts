import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795809384198 implements MigrationInterface {
  name = "Initial1795809384198";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "facilities"."placement" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "regime" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "planned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "check_in_at" TIMESTAMP WITH TIME ZONE, "check_out_at" TIMESTAMP WITH TIME ZONE, "check_out_reason" character varying(500), "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" character varying(500), CONSTRAINT "placement_check_out_after_check_in" CHECK ("check_out_at" IS NULL OR "check_out_at" >= "check_in_at"), CONSTRAINT "PK_4f8b29ee2db5213bcb38b6c71c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "placement_facility_status" ON "facilities"."placement"  ("facility_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "placement_facility_keyset" ON "facilities"."placement"  ("facility_id", "planned_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "placement_case_keyset" ON "facilities"."placement"  ("case_id", "planned_at", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "placement_one_open_per_case" ON "facilities"."placement"  ("case_id") WHERE "status" IN (\'PLANNED\', \'CHECKED_IN\')',
    );
    await queryRunner.query(
      'CREATE TABLE "facilities"."facility" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(32) NOT NULL, "municipality" character varying(100) NOT NULL, "official_capacity" integer NOT NULL, "status" character varying(16) NOT NULL, CONSTRAINT "facility_capacity_positive" CHECK ("official_capacity" > 0), CONSTRAINT "PK_07c6c82781d105a680b5c265be6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "facility_name_unique" ON "facilities"."facility"  ("name") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "facilities"."facility_name_unique"');
    await queryRunner.query('DROP TABLE "facilities"."facility"');
    await queryRunner.query('DROP INDEX "facilities"."placement_one_open_per_case"');
    await queryRunner.query('DROP INDEX "facilities"."placement_case_keyset"');
    await queryRunner.query('DROP INDEX "facilities"."placement_facility_keyset"');
    await queryRunner.query('DROP INDEX "facilities"."placement_facility_status"');
    await queryRunner.query('DROP TABLE "facilities"."placement"');
  }
}
