import { SCOPES } from "@kgraph/policy";
import { Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../../context";
import { Agreement } from "../agreement/agreement.entity";
import { agreementById } from "../agreement/agreement.service";
import { Official } from "../official/official.entity";
import { Person } from "../person/person.entity";
import { personByCaseId } from "../person/person.service";
import { CaseConnection } from "./case.connection";
import { Case } from "./case.entity";
import { AssignOfficerInput, CaseFilter, ChangeCaseStatusInput, NominateCaseInput } from "./case.inputs";
import { CaseStatus } from "./case-status";
import * as cases from "./case.service";

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => Case, { nullable: true, description: "One case by id; null when there is none." })
  @RequiresScopes(SCOPES.CASE_READ)
  case(@Arg("id", () => ID, { description: "Its id." }) id: string, @Ctx() ctx: CasesContext): Promise<Case | null> {
    return cases.caseById(ctx, id);
  }

  @PagedList()
  @Query(() => CaseConnection, { description: "Cases, newest first, a page at a time." })
  @RequiresScopes(SCOPES.CASE_READ)
  cases(
    @Args() page: PageArgs,
    @Arg("filter", () => CaseFilter, { nullable: true, description: "Only items matching every filter given." })
    filter: CaseFilter | null,
    @Ctx() ctx: CasesContext,
  ) {
    return cases.listCases(ctx, { ...page, filter });
  }

  @FieldResolver(() => String, {
    description: "Stable pseudonym of the person, the same in every subgraph; names no one.",
  })
  @Classified("case")
  subjectRef(@Root() root: Case, @Ctx() ctx: CasesContext): string {
    return cases.subjectRefOf(ctx, root.id);
  }

  @FieldResolver(() => Agreement, { description: "The agreement the case is under." })
  @Classified("case")
  agreement(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return agreementById(ctx, root.agreementId);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description:
      "Who the person is. Identity data (person:read); null where the record rule withholds it (for a DHS liaison, once the case is handed over).",
  })
  @Classified("identity")
  person(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return personByCaseId(ctx, root.id);
  }

  @FieldResolver(() => Official, { nullable: true, description: "The case officer responsible; null until assigned." })
  @Classified("case")
  assignedOfficer(@Root() root: Case): Official | null {
    return root.assignedOfficerId ? { id: root.assignedOfficerId } : null;
  }

  @Mutation(() => Case, { description: "Record a nomination from the sending state; the case starts NOMINATED." })
  @RequiresScopes(SCOPES.CASE_WRITE)
  nominateCase(
    @Arg("input", () => NominateCaseInput, { description: "The details; see the input type." })
    input: NominateCaseInput,
    @Ctx() ctx: CasesContext,
  ) {
    return cases.nominateCase(ctx, input);
  }

  @Mutation(() => Case, { description: "Accept a nominated case (within the agreement's total cap)." })
  @RequiresScopes(SCOPES.CASE_WRITE)
  acceptCase(@Arg("caseId", () => ID, { description: "The case." }) caseId: string, @Ctx() ctx: CasesContext) {
    return cases.changeCaseStatus(ctx, { caseId, status: CaseStatus.ACCEPTED });
  }

  @Mutation(() => Case, { description: "Decline a nominated case, with the reason." })
  @RequiresScopes(SCOPES.CASE_WRITE)
  declineCase(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("reason", { description: "Why it is declined." }) reason: string,
    @Ctx() ctx: CasesContext,
  ) {
    return cases.changeCaseStatus(ctx, { caseId, status: CaseStatus.DECLINED, reason });
  }

  @Mutation(() => Case, {
    description: "Move a case to another status; illegal moves are refused naming the allowed ones.",
  })
  @RequiresScopes(SCOPES.CASE_WRITE)
  changeCaseStatus(
    @Arg("input", () => ChangeCaseStatusInput, { description: "The details; see the input type." })
    input: ChangeCaseStatusInput,
    @Ctx() ctx: CasesContext,
  ) {
    return cases.changeCaseStatus(ctx, input);
  }

  @Mutation(() => Case, { description: "Assign the case officer responsible for a case." })
  @RequiresScopes(SCOPES.CASE_WRITE)
  assignOfficer(
    @Arg("input", () => AssignOfficerInput, { description: "The details; see the input type." })
    input: AssignOfficerInput,
    @Ctx() ctx: CasesContext,
  ) {
    return cases.assignOfficer(ctx, input);
  }
}

/** `_entities` goes through the same service and loader as `case(id)`. */
export function resolveCaseReference(reference: { id: string }, ctx: CasesContext) {
  return cases.caseById(ctx, reference.id);
}
