import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../../context";
import { Case } from "../case/case.entity";
import { TransferConnection } from "./transfer.connection";
import { Transfer } from "./transfer.entity";
import {
  CancelTransferInput,
  MAX_CASES_PER_TRANSFER,
  RecordHandoverInput,
  RecordTransferInput,
  TransferFilter,
  UpdateTransferStatusInput,
} from "./transfer.inputs";
import * as transfers from "./transfer.service";

@Resolver(() => Transfer)
export class TransferResolver {
  @Query(() => Transfer, { nullable: true, description: "One transfer by id; null when there is none." })
  @RequiresScopes(SCOPES.CASE_READ)
  transfer(
    @Arg("id", () => ID, { description: "Its id." }) id: string,
    @Ctx() ctx: CasesContext,
  ): Promise<Transfer | null> {
    return transfers.transferById(ctx, id);
  }

  @PagedList()
  @Query(() => TransferConnection, { description: "Transfers, newest departure first, a page at a time." })
  @RequiresScopes(SCOPES.CASE_READ)
  transfers(
    @Args() page: PageArgs,
    @Arg("filter", () => TransferFilter, { nullable: true, description: "Only items matching every filter given." })
    filter: TransferFilter | null,
    @Ctx() ctx: CasesContext,
  ) {
    return transfers.listTransfers(ctx, { ...page, filter });
  }

  // At most MAX_CASES_PER_TRANSFER: a transfer books at most that many cases.
  @BoundedList(MAX_CASES_PER_TRANSFER)
  @FieldResolver(() => [Case], {
    description: "The cases booked on the transfer, by case number." + " " + atMost(MAX_CASES_PER_TRANSFER),
  })
  @Classified("case")
  cases(@Root() root: Transfer, @Ctx() ctx: CasesContext): Promise<Case[]> {
    return transfers.casesOnTransfer(ctx, root.id);
  }

  @Mutation(() => Transfer, {
    description:
      "Record a transfer and book cases on it; inbound cases must be ACCEPTED and move to IN_TRANSIT, onward cases must be ONWARD_RETURN_PLANNED.",
  })
  @RequiresScopes(SCOPES.TRANSFER_WRITE)
  recordTransfer(
    @Arg("input", () => RecordTransferInput, { description: "The details; see the input type." })
    input: RecordTransferInput,
    @Ctx() ctx: CasesContext,
  ) {
    return transfers.recordTransfer(ctx, input);
  }

  @Mutation(() => Transfer, {
    description:
      "Record the handover of everyone on a transfer: inbound cases become RECEIVED (within the monthly cap), onward cases RETURNED. All or nothing.",
  })
  @RequiresScopes(SCOPES.TRANSFER_WRITE)
  recordHandover(
    @Arg("input", () => RecordHandoverInput, { description: "The details; see the input type." })
    input: RecordHandoverInput,
    @Ctx() ctx: CasesContext,
  ) {
    return transfers.recordHandover(ctx, input);
  }

  @Mutation(() => Transfer, { description: "Record a transfer's departure (IN_FLIGHT) or landing (ARRIVED)." })
  @RequiresScopes(SCOPES.TRANSFER_WRITE)
  updateTransferStatus(
    @Arg("input", () => UpdateTransferStatusInput, { description: "The details; see the input type." })
    input: UpdateTransferStatusInput,
    @Ctx() ctx: CasesContext,
  ) {
    return transfers.updateTransferStatus(ctx, input);
  }

  @Mutation(() => Transfer, {
    description: "Call off a PLANNED transfer; its inbound cases go back to ACCEPTED.",
  })
  @RequiresScopes(SCOPES.TRANSFER_WRITE)
  cancelTransfer(
    @Arg("input", () => CancelTransferInput, { description: "The details; see the input type." })
    input: CancelTransferInput,
    @Ctx() ctx: CasesContext,
  ) {
    return transfers.cancelTransfer(ctx, input);
  }
}

@Resolver(() => Case)
export class CaseTransferResolver {
  @FieldResolver(() => Transfer, {
    nullable: true,
    description: "The case's latest transfer: inbound, then onward once one is booked; null before any.",
  })
  @Classified("case")
  transfer(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return transfers.transferOfCase(ctx, root);
  }
}

/** `_entities` goes through the same service and loader as `transfer(id)`. */
export function resolveTransferReference(reference: { id: string }, ctx: CasesContext) {
  return transfers.transferById(ctx, reference.id);
}
