import { SCOPES } from "@kgraph/policy";
import type { OversightContext } from "../../context";
import { Obligation } from "./obligation.entity";
import { ObligationRecords } from "./obligation.records";

/** `obligations` states this maximum. */
export const OBLIGATIONS = 50;

/** The catalogue the caller reads, by agency then kind (one more than OBLIGATIONS shows a cut). */
export function obligations(ctx: OversightContext): Promise<Obligation[]> {
  const readable = ctx.access.where(ObligationRecords, SCOPES.OVERSIGHT_READ, "o");
  return ctx.db
    .getRepository(Obligation)
    .createQueryBuilder("o")
    .where(readable.sql, readable.params)
    .orderBy("o.owing_agency", "ASC")
    .addOrderBy("o.kind", "ASC")
    .limit(OBLIGATIONS + 1)
    .getMany();
}
