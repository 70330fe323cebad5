import type { MigrationInterface, QueryRunner } from "typeorm";

export class AuditTrail1795812120765 implements MigrationInterface {
  name = "AuditTrail1795812120765";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "monitoring"."audit_event" ("seq" BIGSERIAL NOT NULL, "id" uuid NOT NULL, "subgraph" character varying(32) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_sub" character varying(200), "actor_roles" text array NOT NULL, "kind" character varying(8) NOT NULL, "operation" character varying(300) NOT NULL, "request_id" character varying(128), "record_ids" text array NOT NULL, "fields" text array NOT NULL, "entries" jsonb NOT NULL, "hash" character(64) NOT NULL, "previous_hash" character(64) NOT NULL, CONSTRAINT "UQ_481efbe8b0a403efe3f47a6528f" UNIQUE ("id"), CONSTRAINT "PK_53300da00860bdf4dc3ef7daae6" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "monitoring"."audit_event"  ("at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_059699e4ebb3b2f1d282cf99c1" ON "monitoring"."audit_event"  ("actor_sub") ',
    );
    // Added by hand: the trail is append-only for everyone (a trigger refuses UPDATE, DELETE and
    // TRUNCATE, whatever the role), and a GIN index serves "every event touching record X".
    await queryRunner.query(
      "CREATE FUNCTION \"monitoring\".audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$",
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "monitoring"."audit_event" FOR EACH ROW EXECUTE FUNCTION "monitoring".audit_event_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "monitoring"."audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "monitoring".audit_event_append_only()',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_event_record_ids" ON "monitoring"."audit_event" USING gin ("record_ids")',
    );
    await queryRunner.query('REVOKE UPDATE, DELETE, TRUNCATE ON "monitoring"."audit_event" FROM PUBLIC');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "monitoring"."audit_event_record_ids"');
    await queryRunner.query('DROP TRIGGER audit_event_no_truncate ON "monitoring"."audit_event"');
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON "monitoring"."audit_event"');
    await queryRunner.query('DROP FUNCTION "monitoring".audit_event_append_only()');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_059699e4ebb3b2f1d282cf99c1"');
    await queryRunner.query('DROP INDEX "monitoring"."IDX_06d570d7d1b40fbc994b5955be"');
    await queryRunner.query('DROP TABLE "monitoring"."audit_event"');
  }
}
