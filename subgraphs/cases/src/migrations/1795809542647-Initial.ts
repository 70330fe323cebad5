import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795809542647 implements MigrationInterface {
  name = "Initial1795809542647";

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Case numbers come from a sequence so concurrent nominations never collide (added by hand).
    await queryRunner.query('CREATE SEQUENCE "cases"."case_number_seq"');
    await queryRunner.query(
      'CREATE TABLE "cases"."agreement" ("id" uuid NOT NULL, "title" character varying(300) NOT NULL, "parties" text array NOT NULL, "term_start" date NOT NULL, "term_end" date, "monthly_cap" integer, "total_cap" integer, "status" character varying(16) NOT NULL, CONSTRAINT "PK_e7537188219eeef56233a609753" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "cases"."case" ("id" uuid NOT NULL, "case_number" character varying(32) NOT NULL, "status" character varying(32) NOT NULL, "agreement_id" uuid NOT NULL, "nationality" character(2) NOT NULL, "age_band" character varying(16) NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "arrived_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "status_reason" character varying(500), "transfer_id" uuid, "assigned_officer_id" uuid, CONSTRAINT "PK_a1b20a2aef6fc438389d2c4aca0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d7a28bdc2c970bb929e7ba92fc" ON "cases"."case"  ("case_number") ');
    await queryRunner.query('CREATE INDEX "IDX_0e53d67fcdc2f62b3fc89a6836" ON "cases"."case"  ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_7a02a3b3b885889955c648d988" ON "cases"."case"  ("agreement_id") ');
    await queryRunner.query('CREATE INDEX "IDX_b514c541ff859e9fdd4fb449e4" ON "cases"."case"  ("nationality") ');
    await queryRunner.query('CREATE INDEX "IDX_3a958235fcd633f5a1c0fb6d28" ON "cases"."case"  ("arrived_at") ');
    await queryRunner.query('CREATE INDEX "IDX_094a440ba583aa548c557488b2" ON "cases"."case"  ("transfer_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_3b8428d39f21cd7c1e3e1bac34" ON "cases"."case"  ("assigned_officer_id") ',
    );
    await queryRunner.query('CREATE INDEX "case_opened_keyset" ON "cases"."case"  ("opened_at", "id") ');
    await queryRunner.query(
      'CREATE TABLE "cases"."transfer" ("id" uuid NOT NULL, "direction" character varying(16) NOT NULL, "flight_number" character varying(16) NOT NULL, "departure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "arrival_at" TIMESTAMP WITH TIME ZONE, "handover_at" TIMESTAMP WITH TIME ZONE, "status" character varying(16) NOT NULL, "cancellation_reason" character varying(500), "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fd9ddbdd49a17afcbe014401295" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_3a25432c459eca578446a757f5" ON "cases"."transfer"  ("status") ');
    await queryRunner.query('CREATE INDEX "transfer_departure_keyset" ON "cases"."transfer"  ("departure_at", "id") ');
    await queryRunner.query(
      'CREATE TABLE "cases"."transfer_case" ("transfer_id" uuid NOT NULL, "case_id" uuid NOT NULL, CONSTRAINT "PK_54aa24a18f7ee9b5a7e38d10636" PRIMARY KEY ("transfer_id", "case_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_e45f60d4b9044438a97897caa6" ON "cases"."transfer_case"  ("case_id") ');
    await queryRunner.query(
      'CREATE TABLE "cases"."legal_representation" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "counsel_id" uuid NOT NULL, "organisation" character varying(200) NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3acbf0c45b74d1793ded032f12" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5ec2d8dcdd7f9765fa48de520b" ON "cases"."legal_representation"  ("counsel_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "legal_representation_one_current" ON "cases"."legal_representation"  ("case_id") WHERE "valid_to" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "legal_representation_by_case" ON "cases"."legal_representation"  ("case_id", "valid_from") ',
    );
    await queryRunner.query(
      'CREATE TABLE "cases"."counsel_contact" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "counsel_id" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE, "held_at" TIMESTAMP WITH TIME ZONE, "denied_reason" character varying(1000), "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_323805431b69bc8c21a25f16940" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "counsel_contact_by_case" ON "cases"."counsel_contact"  ("case_id", "requested_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "cases"."privileged_note" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "counsel_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_19c4ffa9a0cc34673b844c8422c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "privileged_note_by_case" ON "cases"."privileged_note"  ("case_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "cases"."person" ("case_id" uuid NOT NULL, "given_names" character varying(200) NOT NULL, "family_name" character varying(200) NOT NULL, "date_of_birth" date, "sex" character varying(1) NOT NULL, "languages" text array NOT NULL DEFAULT \'{}\', "identity_documents" jsonb NOT NULL DEFAULT \'[]\', CONSTRAINT "PK_3de97478f759225f1cc645f1da3" PRIMARY KEY ("case_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "cases"."case_review" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "panel" text array NOT NULL, "decisions" jsonb NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_413b3833522b8e3437eb304b16f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "case_review_by_case" ON "cases"."case_review"  ("case_id", "held_at") ');
    await queryRunner.query(
      'CREATE TABLE "cases"."protection_screening" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "destination_country" character(2) NOT NULL, "outcome" character varying(32) NOT NULL, "claim_summary" text, "screened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "screened_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f7f708593a2271d77029446001a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "protection_screening_by_case" ON "cases"."protection_screening"  ("case_id", "screened_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "cases"."vulnerability_flag" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "code" character varying(32) NOT NULL, "source" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "detail" text, "handling_instructions" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b6be583f692625419195fabb2f2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "vulnerability_flag_one_unresolved_per_code" ON "cases"."vulnerability_flag"  ("case_id", "code") WHERE "status" <> \'RESOLVED\'',
    );
    await queryRunner.query(
      'CREATE INDEX "vulnerability_flag_by_case" ON "cases"."vulnerability_flag"  ("case_id", "recorded_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "cases"."vulnerability_flag_by_case"');
    await queryRunner.query('DROP INDEX "cases"."vulnerability_flag_one_unresolved_per_code"');
    await queryRunner.query('DROP TABLE "cases"."vulnerability_flag"');
    await queryRunner.query('DROP INDEX "cases"."protection_screening_by_case"');
    await queryRunner.query('DROP TABLE "cases"."protection_screening"');
    await queryRunner.query('DROP INDEX "cases"."case_review_by_case"');
    await queryRunner.query('DROP TABLE "cases"."case_review"');
    await queryRunner.query('DROP TABLE "cases"."person"');
    await queryRunner.query('DROP INDEX "cases"."privileged_note_by_case"');
    await queryRunner.query('DROP TABLE "cases"."privileged_note"');
    await queryRunner.query('DROP INDEX "cases"."counsel_contact_by_case"');
    await queryRunner.query('DROP TABLE "cases"."counsel_contact"');
    await queryRunner.query('DROP INDEX "cases"."legal_representation_by_case"');
    await queryRunner.query('DROP INDEX "cases"."legal_representation_one_current"');
    await queryRunner.query('DROP INDEX "cases"."IDX_5ec2d8dcdd7f9765fa48de520b"');
    await queryRunner.query('DROP TABLE "cases"."legal_representation"');
    await queryRunner.query('DROP INDEX "cases"."IDX_e45f60d4b9044438a97897caa6"');
    await queryRunner.query('DROP TABLE "cases"."transfer_case"');
    await queryRunner.query('DROP INDEX "cases"."transfer_departure_keyset"');
    await queryRunner.query('DROP INDEX "cases"."IDX_3a25432c459eca578446a757f5"');
    await queryRunner.query('DROP TABLE "cases"."transfer"');
    await queryRunner.query('DROP INDEX "cases"."case_opened_keyset"');
    await queryRunner.query('DROP INDEX "cases"."IDX_3b8428d39f21cd7c1e3e1bac34"');
    await queryRunner.query('DROP INDEX "cases"."IDX_094a440ba583aa548c557488b2"');
    await queryRunner.query('DROP INDEX "cases"."IDX_3a958235fcd633f5a1c0fb6d28"');
    await queryRunner.query('DROP INDEX "cases"."IDX_b514c541ff859e9fdd4fb449e4"');
    await queryRunner.query('DROP INDEX "cases"."IDX_7a02a3b3b885889955c648d988"');
    await queryRunner.query('DROP INDEX "cases"."IDX_0e53d67fcdc2f62b3fc89a6836"');
    await queryRunner.query('DROP INDEX "cases"."IDX_d7a28bdc2c970bb929e7ba92fc"');
    await queryRunner.query('DROP TABLE "cases"."case"');
    await queryRunner.query('DROP TABLE "cases"."agreement"');
    await queryRunner.query('DROP SEQUENCE "cases"."case_number_seq"');
  }
}
