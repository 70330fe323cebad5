import type { CasesContext } from "../../context";
import { Agreement } from "./agreement.entity";

/** The maximum `Query.agreements` states: a reference list of agreements and their renewals. */
export const AGREEMENTS_LISTED = 200;

/** The agreements, newest term first: at most one more than listed, which shows a cut. */
export function listAgreements(ctx: CasesContext): Promise<Agreement[]> {
  return ctx.db.getRepository(Agreement).find({ order: { termStart: "DESC", id: "ASC" }, take: AGREEMENTS_LISTED + 1 });
}

export function agreementById(ctx: CasesContext, id: string): Promise<Agreement | null> {
  return ctx.loaders.agreementById.load(id);
}
