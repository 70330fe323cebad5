import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795809476225 implements MigrationInterface {
  name = "Initial1795809476225";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "monitoring"."complaint_escalation" ("id" uuid NOT NULL, "complaint_id" uuid NOT NULL, "escalated_to" character varying(200) NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_f4c172d80d43e9f0ca60948f9a9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "complaint_escalation_complaint_at" ON "monitoring"."complaint_escalation"  ("complaint_id", "escalated_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "monitoring"."complaint" ("id" uuid NOT NULL, "receipt_code_hash" character(64) NOT NULL, "receipt_code_last_group" character varying(8) NOT NULL, "channel" character varying(24) NOT NULL, "anonymous" boolean NOT NULL, "category" character varying(32) NOT NULL, "text" text NOT NULL, "status" character varying(16) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "complainant_name" character varying(200), "complainant_contact" character varying(200), "facility_id" uuid, "case_id" uuid, "decision_outcome" character varying(24), "decision_text" text, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a9c8dbc2ab4988edcc2ff0a7337" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e99406e33e261b92797c639938" ON "monitoring"."complaint"  ("receipt_code_hash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_b6b63da30d9aae7e6ca4368fa7" ON "monitoring"."complaint"  ("status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_44e58b4b6c556f94899ec5ab60" ON "monitoring"."complaint"  ("facility_id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_9577e07b26221123efebda175b" ON "monitoring"."complaint"  ("case_id") ');
    await queryRunner.query(
      'CREATE INDEX "complaint_received_keyset" ON "monitoring"."complaint"  ("received_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "monitoring"."finding" ("id" uuid NOT NULL, "visit_id" uuid NOT NULL, "severity" character varying(16) NOT NULL, "standard_ref" character varying(200) NOT NULL, "description" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "finding_visit_created" ON "monitoring"."finding"  ("visit_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "monitoring"."incident" ("id" uuid NOT NULL, "type" character varying(24) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "facility_id" uuid NOT NULL, "case_ids" uuid array NOT NULL, "narrative" text NOT NULL, "status" character varying(24) NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5f90b28b0b8238d89ee8edcf96e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_8ea8bd6f54480258b32940285c" ON "monitoring"."incident"  ("type") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_a9f90bb8c19866bc2408793cde" ON "monitoring"."incident"  ("facility_id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_1a9c57d6fbaa740c8bee92c177" ON "monitoring"."incident"  ("status") ');
    await queryRunner.query('CREATE INDEX "incident_at_keyset" ON "monitoring"."incident"  ("at", "id") ');
    await queryRunner.query(
      'CREATE TABLE "monitoring"."monitoring_body" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, CONSTRAINT "UQ_323ad3c0475f40c0e3d794314dc" UNIQUE ("name"), CONSTRAINT "PK_a9d0278616fcde9eb9a618fe249" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "monitoring"."recommendation" ("id" uuid NOT NULL, "finding_id" uuid NOT NULL, "visit_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "addressee" character varying(200) NOT NULL, "text" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "response_accepted" boolean, "response_text" text, "responded_at" TIMESTAMP WITH TIME ZONE, "responded_by" character varying(200), "implemented_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_17cb51984a6627ef2ce7370e23c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6ea158fb344794da244b5bb7f8" ON "monitoring"."recommendation"  ("finding_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2760569c400f770a848d6ea7b6" ON "monitoring"."recommendation"  ("visit_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "recommendation_facility_status" ON "monitoring"."recommendation"  ("facility_id", "status", "due_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "monitoring"."visit" ("id" uuid NOT NULL, "body_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "phases" character varying(32) array NOT NULL, "announced" boolean NOT NULL, "planned_for" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "status" character varying(24) NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "report_summary" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c9919ef5a07627657c535d8eb88" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_938ccf9e0e378c41aed76b4057" ON "monitoring"."visit"  ("body_id") ');
    await queryRunner.query('CREATE INDEX "IDX_bdc871c8e0aaab26eeac3997bd" ON "monitoring"."visit"  ("status") ');
    await queryRunner.query(
      'CREATE INDEX "visit_facility_planned" ON "monitoring"."visit"  ("facility_id", "planned_for") ',
    );
    await queryRunner.query('CREATE INDEX "visit_planned_keyset" ON "monitoring"."visit"  ("planned_for", "id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "monitoring"."visit_planned_keyset"');
    await queryRunner.query('DROP INDEX "monitoring"."visit_facility_planned"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_bdc871c8e0aaab26eeac3997bd"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_938ccf9e0e378c41aed76b4057"');
    await queryRunner.query('DROP TABLE "monitoring"."visit"');
    await queryRunner.query('DROP INDEX "monitoring"."recommendation_facility_status"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_2760569c400f770a848d6ea7b6"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_6ea158fb344794da244b5bb7f8"');
    await queryRunner.query('DROP TABLE "monitoring"."recommendation"');
    await queryRunner.query('DROP TABLE "monitoring"."monitoring_body"');
    await queryRunner.query('DROP INDEX "monitoring"."incident_at_keyset"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_1a9c57d6fbaa740c8bee92c177"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_a9f90bb8c19866bc2408793cde"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_8ea8bd6f54480258b32940285c"');
    await queryRunner.query('DROP TABLE "monitoring"."incident"');
    await queryRunner.query('DROP INDEX "monitoring"."finding_visit_created"');
    await queryRunner.query('DROP TABLE "monitoring"."finding"');
    await queryRunner.query('DROP INDEX "monitoring"."complaint_received_keyset"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_9577e07b26221123efebda175b"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_44e58b4b6c556f94899ec5ab60"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_b6b63da30d9aae7e6ca4368fa7"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_e99406e33e261b92797c639938"');
    await queryRunner.query('DROP TABLE "monitoring"."complaint"');
    await queryRunner.query('DROP INDEX "monitoring"."complaint_escalation_complaint_at"');
    await queryRunner.query('DROP TABLE "monitoring"."complaint_escalation"');
  }
}
