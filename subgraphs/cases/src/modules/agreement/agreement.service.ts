import type { CasesContext } from "../../context";
import { Agreement } from "./agreement.entity";

export function listAgreements(ctx: CasesContext): Promise<Agreement[]> {
  return ctx.db.getRepository(Agreement).find({ order: { termStart: "DESC", id: "ASC" } });
}

export function agreementById(ctx: CasesContext, id: string): Promise<Agreement | null> {
  return ctx.loaders.agreementById.load(id);
}
