import type { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyKeys1796231120772 implements MigrationInterface {
  name = "IdempotencyKeys1796231120772";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "cases"."idempotency_key" ("actor_sub" character varying(200) NOT NULL, "key" character varying(255) NOT NULL, "fingerprint" character(64) NOT NULL, "request_id" character varying(128) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_status" integer, "response_body" text, CONSTRAINT "PK_f3df92025bbaaaa1873252d8605" PRIMARY KEY ("actor_sub", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_40aab95c36e58255f7618768f0" ON "cases"."idempotency_key"  ("expires_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "cases"."IDX_40aab95c36e58255f7618768f0"');
    await queryRunner.query('DROP TABLE "cases"."idempotency_key"');
  }
}
