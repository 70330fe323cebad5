import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795809469908 implements MigrationInterface {
  name = "Initial1795809469908";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "training"."training_session" ("id" uuid NOT NULL, "course_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" character varying(300) NOT NULL, "trainer" character varying(200) NOT NULL, "capacity" integer NOT NULL, "status" character varying(16) NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" character varying(500), CONSTRAINT "training_session_capacity_positive" CHECK ("capacity" >= 1), CONSTRAINT "training_session_ends_after_start" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_a17a9657ff5a6e048bfd82c4651" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ada43db21ec7bda784451b66d8" ON "training"."training_session"  ("course_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "training_session_start_keyset" ON "training"."training_session"  ("starts_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "training"."attendance" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "official_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_700eb7582783a984117c48ebdc" ON "training"."attendance"  ("official_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "attendance_session_official" ON "training"."attendance"  ("session_id", "official_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "training"."certification" ("id" uuid NOT NULL, "official_id" uuid NOT NULL, "course_id" uuid NOT NULL, "attendance_id" uuid NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "certification_expires_after_issue" CHECK ("expires_at" > "issued_at"), CONSTRAINT "PK_a7364bd3e4a407f67d8165b820c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f4d2155ea6e2902571ba48dfec" ON "training"."certification"  ("course_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0df6f817b4733cb21e4c24dfdb" ON "training"."certification"  ("attendance_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "certification_official_course" ON "training"."certification"  ("official_id", "course_id", "expires_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "training"."course" ("id" uuid NOT NULL, "code" character varying(32) NOT NULL, "title" character varying(300) NOT NULL, "description" text, "topics" text array NOT NULL DEFAULT \'{}\', "validity_months" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bf95180dd756fd204fb01ce4916" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_5cf4963ae12285cda6432d5a3a" ON "training"."course"  ("code") ');
    await queryRunner.query(
      'CREATE TABLE "training"."official" ("id" uuid NOT NULL, "given_names" character varying(200) NOT NULL, "family_name" character varying(200) NOT NULL, "agency" character varying(32) NOT NULL, "job_role" character varying(32) NOT NULL, "facility_id" uuid, "active" boolean NOT NULL DEFAULT true, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3e150a20ca3578b094161b2d037" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5f99c3b416234cde6c7e097ced" ON "training"."official"  ("agency") ');
    await queryRunner.query('CREATE INDEX "IDX_0e4c86bb90065af42cf6c4691c" ON "training"."official"  ("job_role") ');
    await queryRunner.query('CREATE INDEX "IDX_819d42ecc67bfe952d07e3cd83" ON "training"."official"  ("facility_id") ');
    await queryRunner.query(
      'CREATE INDEX "official_name_keyset" ON "training"."official"  ("family_name", "given_names", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "training"."course_requirement" ("id" uuid NOT NULL, "job_role" character varying(32) NOT NULL, "course_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3e6004ede72d7cc1d174bc7a829" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d25a403e5475d579d9176f91a4" ON "training"."course_requirement"  ("course_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "course_requirement_role_course" ON "training"."course_requirement"  ("job_role", "course_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "training"."course_requirement_role_course"');
    await queryRunner.query('DROP INDEX "training"."IDX_d25a403e5475d579d9176f91a4"');
    await queryRunner.query('DROP TABLE "training"."course_requirement"');
    await queryRunner.query('DROP INDEX "training"."official_name_keyset"');
    await queryRunner.query('DROP INDEX "training"."IDX_819d42ecc67bfe952d07e3cd83"');
    await queryRunner.query('DROP INDEX "training"."IDX_0e4c86bb90065af42cf6c4691c"');
    await queryRunner.query('DROP INDEX "training"."IDX_5f99c3b416234cde6c7e097ced"');
    await queryRunner.query('DROP TABLE "training"."official"');
    await queryRunner.query('DROP INDEX "training"."IDX_5cf4963ae12285cda6432d5a3a"');
    await queryRunner.query('DROP TABLE "training"."course"');
    await queryRunner.query('DROP INDEX "training"."certification_official_course"');
    await queryRunner.query('DROP INDEX "training"."IDX_0df6f817b4733cb21e4c24dfdb"');
    await queryRunner.query('DROP INDEX "training"."IDX_f4d2155ea6e2902571ba48dfec"');
    await queryRunner.query('DROP TABLE "training"."certification"');
    await queryRunner.query('DROP INDEX "training"."attendance_session_official"');
    await queryRunner.query('DROP INDEX "training"."IDX_700eb7582783a984117c48ebdc"');
    await queryRunner.query('DROP TABLE "training"."attendance"');
    await queryRunner.query('DROP INDEX "training"."training_session_start_keyset"');
    await queryRunner.query('DROP INDEX "training"."IDX_ada43db21ec7bda784451b66d8"');
    await queryRunner.query('DROP TABLE "training"."training_session"');
  }
}
