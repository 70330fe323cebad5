import type { CasesContext } from "../../context";
import type { Person } from "./person.entity";

export function personByCaseId(ctx: CasesContext, caseId: string): Promise<Person | null> {
  return ctx.loaders.personByCaseId.load(caseId);
}
