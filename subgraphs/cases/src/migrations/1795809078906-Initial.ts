import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795809078906 implements MigrationInterface {
  name = "Initial1795809078906";

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Case numbers come from a sequence so concurrent nominations never collide (added by hand).
    await queryRunner.query("CREATE SEQUENCE \"cases\".\"case_number_seq\"");
    await queryRunner.query("CREATE TABLE \"cases\".\"agreement\" (\"id\" uuid NOT NULL, \"title\" character varying(300) NOT NULL, \"parties\" text array NOT NULL, \"term_start\" date NOT NULL, \"term_end\" date, \"monthly_cap\" integer, \"total_cap\" integer, \"status\" character varying(16) NOT NULL, CONSTRAINT \"PK_e7537188219eeef56233a609753\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"cases\".\"case\" (\"id\" uuid NOT NULL, \"case_number\" character varying(32) NOT NULL, \"status\" character varying(32) NOT NULL, \"agreement_id\" uuid NOT NULL, \"nationality\" character(2) NOT NULL, \"age_band\" character varying(16) NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"arrived_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"status_reason\" character varying(500), \"transfer_id\" uuid, \"assigned_officer_id\" uuid, CONSTRAINT \"PK_a1b20a2aef6fc438389d2c4aca0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d7a28bdc2c970bb929e7ba92fc\" ON \"cases\".\"case\"  (\"case_number\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0e53d67fcdc2f62b3fc89a6836\" ON \"cases\".\"case\"  (\"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7a02a3b3b885889955c648d988\" ON \"cases\".\"case\"  (\"agreement_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_b514c541ff859e9fdd4fb449e4\" ON \"cases\".\"case\"  (\"nationality\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3a958235fcd633f5a1c0fb6d28\" ON \"cases\".\"case\"  (\"arrived_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_094a440ba583aa548c557488b2\" ON \"cases\".\"case\"  (\"transfer_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3b8428d39f21cd7c1e3e1bac34\" ON \"cases\".\"case\"  (\"assigned_officer_id\") ");
    await queryRunner.query("CREATE INDEX \"case_opened_keyset\" ON \"cases\".\"case\"  (\"opened_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"cases\".\"person\" (\"case_id\" uuid NOT NULL, \"given_names\" character varying(200) NOT NULL, \"family_name\" character varying(200) NOT NULL, \"date_of_birth\" date, \"sex\" character varying(1) NOT NULL, \"languages\" text array NOT NULL DEFAULT '{}', \"identity_documents\" jsonb NOT NULL DEFAULT '[]', CONSTRAINT \"PK_3de97478f759225f1cc645f1da3\" PRIMARY KEY (\"case_id\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"cases\".\"person\"");
    await queryRunner.query("DROP INDEX \"cases\".\"case_opened_keyset\"");
    await queryRunner.query("DROP INDEX \"cases\".\"IDX_3b8428d39f21cd7c1e3e1bac34\"");
    await queryRunner.query("DROP INDEX \"cases\".\"IDX_094a440ba583aa548c557488b2\"");
    await queryRunner.query("DROP INDEX \"cases\".\"IDX_3a958235fcd633f5a1c0fb6d28\"");
    await queryRunner.query("DROP INDEX \"cases\".\"IDX_b514c541ff859e9fdd4fb449e4\"");
    await queryRunner.query("DROP INDEX \"cases\".\"IDX_7a02a3b3b885889955c648d988\"");
    await queryRunner.query("DROP INDEX \"cases\".\"IDX_0e53d67fcdc2f62b3fc89a6836\"");
    await queryRunner.query("DROP INDEX \"cases\".\"IDX_d7a28bdc2c970bb929e7ba92fc\"");
    await queryRunner.query("DROP TABLE \"cases\".\"case\"");
    await queryRunner.query("DROP TABLE \"cases\".\"agreement\"");
    await queryRunner.query("DROP SEQUENCE \"cases\".\"case_number_seq\"");
  }
}
