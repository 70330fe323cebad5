import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1796280961525 implements MigrationInterface {
  name = "Initial1796280961525";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "oversight"."idempotency_key" ("actor_sub" character varying(200) NOT NULL, "key" character varying(255) NOT NULL, "fingerprint" character(64) NOT NULL, "request_id" character varying(128) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_status" integer, "response_body" text, CONSTRAINT "PK_f3df92025bbaaaa1873252d8605" PRIMARY KEY ("actor_sub", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_40aab95c36e58255f7618768f0" ON "oversight"."idempotency_key"  ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."audit_event" ("seq" BIGSERIAL NOT NULL, "id" uuid NOT NULL, "subgraph" character varying(32) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_sub" character varying(200), "actor_roles" text array NOT NULL, "kind" character varying(8) NOT NULL, "operation" character varying(300) NOT NULL, "client_operation_name" character varying(100), "request_id" character varying(128), "client_request_id" character varying(128), "record_ids" text array NOT NULL, "fields" text array NOT NULL, "entries" jsonb NOT NULL, "hash" character(64) NOT NULL, "previous_hash" character(64) NOT NULL, "hash_version" smallint NOT NULL DEFAULT \'1\', CONSTRAINT "UQ_481efbe8b0a403efe3f47a6528f" UNIQUE ("id"), CONSTRAINT "PK_53300da00860bdf4dc3ef7daae6" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "oversight"."audit_event"  ("at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_059699e4ebb3b2f1d282cf99c1" ON "oversight"."audit_event"  ("actor_sub") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8b0cf8a255e4215403a4e29c8e" ON "oversight"."audit_event"  ("request_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."action_item" ("id" uuid NOT NULL, "task_force_id" uuid NOT NULL, "meeting_id" uuid, "decision_id" uuid, "agenda_item_id" uuid, "title" character varying(300) NOT NULL, "owner_agency" character varying(24) NOT NULL, "owner_official_id" uuid, "owner_official_name" character varying(200) NOT NULL, "owner_org_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "concerns_kind" character varying(24), "concerns_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1214f6f4d832c402751617361c0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f77a02b2bac8df1a368c81281b" ON "oversight"."action_item"  ("meeting_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_df9b121ad1968775af8f0b724d" ON "oversight"."action_item"  ("owner_org_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_313c9639a2c85a9f92780a0c8d" ON "oversight"."action_item"  ("concerns_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "action_item_overdue" ON "oversight"."action_item"  ("owner_agency", "status", "due_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."action_item_transition" ("id" uuid NOT NULL, "action_item_id" uuid NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "reason" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_sub" character varying(200), CONSTRAINT "PK_7bc2c6360daa1a6f4a8bdb0839d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "action_item_transition_by_item" ON "oversight"."action_item_transition"  ("action_item_id", "at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."task_force_meeting" ("id" uuid NOT NULL, "task_force_id" uuid NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" character varying(200) NOT NULL, "attendee_ids" uuid array NOT NULL, "minutes_published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_72478370cb0cff82e3fac5e76a8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "task_force_meeting_by_time" ON "oversight"."task_force_meeting"  ("task_force_id", "held_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."agenda_item" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "position" integer NOT NULL, "title" character varying(300) NOT NULL, "origin" character varying(24) NOT NULL, "concerns_kind" character varying(24), "concerns_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6ed4b7999b2f7aa57da19fa5a3" ON "oversight"."agenda_item"  ("concerns_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "agenda_item_by_meeting" ON "oversight"."agenda_item"  ("meeting_id", "position") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."decision" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "agenda_item_id" uuid, "text" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "decision_by_meeting" ON "oversight"."decision"  ("meeting_id", "recorded_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."task_force" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "mandate_text" text NOT NULL, "mandate_source" character varying(300) NOT NULL, "established_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a193e78f9b6cc53d3dc6991c715" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."task_force_member" ("id" uuid NOT NULL, "task_force_id" uuid NOT NULL, "agency" character varying(24) NOT NULL, "official_id" uuid, "official_name" character varying(200) NOT NULL, "role_title" character varying(200) NOT NULL, "org_id" uuid, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e6235fe11302e3c719a13d66f3a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "task_force_member_by_task_force" ON "oversight"."task_force_member"  ("task_force_id", "agency") ',
    );
    await queryRunner.query(
      'CREATE TABLE "oversight"."mandate" ("id" uuid NOT NULL, "task_force_id" uuid NOT NULL, "decides" text NOT NULL, "granting_text" text NOT NULL, "source" character varying(300) NOT NULL, CONSTRAINT "PK_f11237628fce1a841910382b6de" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "mandate_by_task_force" ON "oversight"."mandate"  ("task_force_id") ');
    await queryRunner.query(
      'CREATE TABLE "oversight"."obligation" ("id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "title" character varying(300) NOT NULL, "source_text" character varying(300) NOT NULL, "deadline_hours" integer, "runs_from" character varying(200) NOT NULL, "owing_agency" character varying(24) NOT NULL, CONSTRAINT "UQ_b3ab2b68ce721c646379a3225ad" UNIQUE ("kind"), CONSTRAINT "PK_3a70be17386980c9fec1df4d25d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE FUNCTION \"oversight\".audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$",
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "oversight"."audit_event" FOR EACH ROW EXECUTE FUNCTION "oversight".audit_event_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "oversight"."audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "oversight".audit_event_append_only()',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_event_record_ids" ON "oversight"."audit_event" USING gin ("record_ids")',
    );
    await queryRunner.query('REVOKE UPDATE, DELETE, TRUNCATE ON "oversight"."audit_event" FROM PUBLIC');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "oversight"."audit_event_record_ids"');
    await queryRunner.query('DROP TRIGGER audit_event_no_truncate ON "oversight"."audit_event"');
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON "oversight"."audit_event"');
    await queryRunner.query('DROP FUNCTION "oversight".audit_event_append_only()');
    await queryRunner.query('DROP TABLE "oversight"."obligation"');
    await queryRunner.query('DROP INDEX "oversight"."mandate_by_task_force"');
    await queryRunner.query('DROP TABLE "oversight"."mandate"');
    await queryRunner.query('DROP INDEX "oversight"."task_force_member_by_task_force"');
    await queryRunner.query('DROP TABLE "oversight"."task_force_member"');
    await queryRunner.query('DROP TABLE "oversight"."task_force"');
    await queryRunner.query('DROP INDEX "oversight"."decision_by_meeting"');
    await queryRunner.query('DROP TABLE "oversight"."decision"');
    await queryRunner.query('DROP INDEX "oversight"."agenda_item_by_meeting"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_6ed4b7999b2f7aa57da19fa5a3"');
    await queryRunner.query('DROP TABLE "oversight"."agenda_item"');
    await queryRunner.query('DROP INDEX "oversight"."task_force_meeting_by_time"');
    await queryRunner.query('DROP TABLE "oversight"."task_force_meeting"');
    await queryRunner.query('DROP INDEX "oversight"."action_item_transition_by_item"');
    await queryRunner.query('DROP TABLE "oversight"."action_item_transition"');
    await queryRunner.query('DROP INDEX "oversight"."action_item_overdue"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_313c9639a2c85a9f92780a0c8d"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_df9b121ad1968775af8f0b724d"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_f77a02b2bac8df1a368c81281b"');
    await queryRunner.query('DROP TABLE "oversight"."action_item"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_8b0cf8a255e4215403a4e29c8e"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_059699e4ebb3b2f1d282cf99c1"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_06d570d7d1b40fbc994b5955be"');
    await queryRunner.query('DROP TABLE "oversight"."audit_event"');
    await queryRunner.query('DROP INDEX "oversight"."IDX_40aab95c36e58255f7618768f0"');
    await queryRunner.query('DROP TABLE "oversight"."idempotency_key"');
  }
}
