import type { MigrationInterface, QueryRunner } from "typeorm";

export class AuditTrail1795811749893 implements MigrationInterface {
  name = "AuditTrail1795811749893";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "cases"."audit_event" ("seq" BIGSERIAL NOT NULL, "id" uuid NOT NULL, "subgraph" character varying(32) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_sub" character varying(200), "actor_roles" text array NOT NULL, "kind" character varying(8) NOT NULL, "operation" character varying(300) NOT NULL, "request_id" character varying(128), "record_ids" text array NOT NULL, "fields" text array NOT NULL, "entries" jsonb NOT NULL, "hash" character(64) NOT NULL, "previous_hash" character(64) NOT NULL, CONSTRAINT "UQ_481efbe8b0a403efe3f47a6528f" UNIQUE ("id"), CONSTRAINT "PK_53300da00860bdf4dc3ef7daae6" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "cases"."audit_event"  ("at") ');
    await queryRunner.query('CREATE INDEX "IDX_059699e4ebb3b2f1d282cf99c1" ON "cases"."audit_event"  ("actor_sub") ');
    // Added by hand: the trail is append-only for everyone (a trigger refuses UPDATE, DELETE and
    // TRUNCATE, whatever the role), and a GIN index serves "every event touching record X".
    await queryRunner.query(
      "CREATE FUNCTION \"cases\".audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$",
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "cases"."audit_event" FOR EACH ROW EXECUTE FUNCTION "cases".audit_event_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "cases"."audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "cases".audit_event_append_only()',
    );
    await queryRunner.query('CREATE INDEX "audit_event_record_ids" ON "cases"."audit_event" USING gin ("record_ids")');
    await queryRunner.query('REVOKE UPDATE, DELETE, TRUNCATE ON "cases"."audit_event" FROM PUBLIC');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "cases"."audit_event_record_ids"');
    await queryRunner.query('DROP TRIGGER audit_event_no_truncate ON "cases"."audit_event"');
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON "cases"."audit_event"');
    await queryRunner.query('DROP FUNCTION "cases".audit_event_append_only()');
    await queryRunner.query('DROP INDEX "cases"."IDX_059699e4ebb3b2f1d282cf99c1"');
    await queryRunner.query('DROP INDEX "cases"."IDX_06d570d7d1b40fbc994b5955be"');
    await queryRunner.query('DROP TABLE "cases"."audit_event"');
  }
}
