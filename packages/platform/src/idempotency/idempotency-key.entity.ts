import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MAX_SUBJECT_LENGTH } from "../auth/verifier";

/**
 * A mutation request a client gave an Idempotency-Key: written in the same transaction as the
 * mutation's change (so a key exists exactly when its request acted), then given the answer that
 * was sent, which a retry with the same key and the same request gets instead of acting again.
 * Keys are the caller's (one caller's key never meets another's) and expire after 24 hours.
 */
@Entity({ name: "idempotency_key" })
export class IdempotencyKey {
  /** The verified token's subject (`public` for every caller without a token). */
  @PrimaryColumn("varchar", { name: "actor_sub", length: MAX_SUBJECT_LENGTH })
  actorSub: string;

  @PrimaryColumn("varchar", { length: 255 })
  key: string;

  /** SHA-256 of the request (query, operation name, variables): a key is for one request only. */
  @Column("char", { length: 64 })
  fingerprint: string;

  /** The request that acted; its audit events carry the same id. */
  @Column("varchar", { name: "request_id", length: 128 })
  requestId: string;

  @Column("timestamptz", { name: "created_at" })
  createdAt: Date;

  @Index()
  @Column("timestamptz", { name: "expires_at" })
  expiresAt: Date;

  /** The HTTP status and body answered; null until the answer is stored (or if it was lost). */
  @Column("int", { name: "response_status", nullable: true })
  responseStatus: number | null;

  @Column("text", { name: "response_body", nullable: true })
  responseBody: string | null;
}
