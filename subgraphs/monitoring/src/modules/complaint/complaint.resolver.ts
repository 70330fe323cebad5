import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { Case } from "../case/case.entity";
import { Facility } from "../facility/facility.entity";
import { ComplaintConnection } from "./complaint.connection";
import { Complaint, ComplaintDecision, ComplaintReceipt, ComplaintStatusCheck } from "./complaint.entity";
import { ComplaintEscalation } from "./complaint-escalation.entity";
import {
  ComplaintFilter,
  DecideComplaintInput,
  EscalateComplaintInput,
  FileComplaintInput,
  TriageComplaintInput,
} from "./complaint.inputs";
import * as complaints from "./complaint.service";
import { ESCALATIONS_PER_COMPLAINT } from "./complaint.loaders";

@Resolver(() => Complaint)
export class ComplaintResolver {
  @RequiresScopes(SCOPES.COMPLAINT_READ)
  @Query(() => Complaint, { nullable: true, description: "One complaint by id; null when there is none." })
  complaint(
    @Arg("id", () => ID, { description: "The complaint's id." }) id: string,
    @Ctx() ctx: MonitoringContext,
  ): Promise<Complaint | null> {
    return complaints.complaintById(ctx, id);
  }

  @RequiresScopes(SCOPES.COMPLAINT_READ)
  @PagedList()
  @Query(() => ComplaintConnection, { description: "Complaints, most recently received first, a page at a time." })
  complaints(
    @Args() page: PageArgs,
    @Arg("filter", () => ComplaintFilter, {
      nullable: true,
      description: "Only complaints matching every filter given; left out: all.",
    })
    filter: ComplaintFilter | null,
    @Ctx() ctx: MonitoringContext,
  ) {
    return complaints.listComplaints(ctx, { ...page, filter });
  }

  @Query(() => ComplaintStatusCheck, {
    description:
      "The progress of a complaint, for the holder of its receipt code. Public. An unknown code is NOT_FOUND.",
  })
  complaintStatus(
    @Arg("receiptCode", {
      description:
        "The receipt code given when the complaint was filed. Case, dashes, spaces and look-alike letters (O for 0, I or L for 1) do not matter.",
    })
    receiptCode: string,
    @Ctx() ctx: MonitoringContext,
  ): Promise<ComplaintStatusCheck> {
    return complaints.complaintStatusByReceiptCode(ctx, receiptCode);
  }

  @Classified("complaint")
  @FieldResolver(() => String, {
    description:
      "The receipt code as staff may see it: masked but for its last group. The full code is given only once, to the complainant; only its hash is stored.",
  })
  receiptCode(@Root() root: Complaint): string {
    return complaints.maskedReceiptCodeOf(root);
  }

  @Classified("complaint")
  // At most ESCALATIONS_PER_COMPLAINT: referrals of one complaint.
  @BoundedList(ESCALATIONS_PER_COMPLAINT)
  @FieldResolver(() => [ComplaintEscalation], {
    description: "Referrals to other authorities, oldest first." + " " + atMost(ESCALATIONS_PER_COMPLAINT),
  })
  escalations(@Root() root: Complaint, @Ctx() ctx: MonitoringContext): Promise<ComplaintEscalation[]> {
    return complaints.escalationsOf(ctx, root.id);
  }

  @Classified("complaint")
  @FieldResolver(() => ComplaintDecision, { nullable: true, description: "The decision; null until DECIDED." })
  decision(@Root() root: Complaint): ComplaintDecision | null {
    return complaints.decisionOf(root);
  }

  @Classified("complaintSubject")
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Pseudonym of the person the complaint concerns (the same as the case's `subjectRef`); null when it concerns no case, and for callers who can put names to pseudonyms (person:read) without complaint:identity:read, so a complaint never leads them to who it is about.",
  })
  subjectRef(@Root() root: Complaint, @Ctx() ctx: MonitoringContext): string | null {
    return complaints.complaintSubjectRef(ctx, root);
  }

  @Classified("complaint")
  @FieldResolver(() => Facility, {
    nullable: true,
    description: "The facility the complaint concerns; null when none.",
  })
  facility(@Root() root: Complaint): Facility | null {
    return root.facilityId ? { id: root.facilityId } : null;
  }

  @Classified("complainant")
  @FieldResolver(() => Case, {
    nullable: true,
    description:
      "The case the complaint concerns; null when none. It leads to who the person is, so only for complaint:identity:read.",
  })
  case(@Root() root: Complaint): Case | null {
    return root.caseId ? { id: root.caseId } : null;
  }

  @Mutation(() => ComplaintReceipt, {
    description: "File a complaint; anyone may, without a token. Returns the receipt code, shown only this once.",
  })
  fileComplaint(
    @Arg("input", () => FileComplaintInput, {
      description:
        "The complaint: channel, category, text and, unless anonymous, who complains; optionally the facility or case it concerns.",
    })
    input: FileComplaintInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return complaints.fileComplaint(ctx, input);
  }

  @RequiresScopes(SCOPES.COMPLAINT_HANDLE)
  @Mutation(() => Complaint, {
    description: "Take a RECEIVED complaint up for review, correcting its category if needed.",
  })
  triageComplaint(
    @Arg("input", () => TriageComplaintInput, {
      description: "The RECEIVED complaint and, when the one given was wrong, its corrected category.",
    })
    input: TriageComplaintInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return complaints.triageComplaint(ctx, input);
  }

  @RequiresScopes(SCOPES.COMPLAINT_HANDLE)
  @Mutation(() => Complaint, {
    description: "Refer a complaint UNDER_REVIEW (or already ESCALATED) to another authority.",
  })
  escalateComplaint(
    @Arg("input", () => EscalateComplaintInput, {
      description: "The complaint (UNDER_REVIEW or ESCALATED), the authority it is referred to, and why.",
    })
    input: EscalateComplaintInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return complaints.escalateComplaint(ctx, input);
  }

  @RequiresScopes(SCOPES.COMPLAINT_HANDLE)
  @Mutation(() => Complaint, { description: "Decide a complaint UNDER_REVIEW or ESCALATED." })
  decideComplaint(
    @Arg("input", () => DecideComplaintInput, {
      description: "The complaint (UNDER_REVIEW or ESCALATED), the outcome, and the reasons and any remedy.",
    })
    input: DecideComplaintInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return complaints.decideComplaint(ctx, input);
  }

  @RequiresScopes(SCOPES.COMPLAINT_HANDLE)
  @Mutation(() => Complaint, { description: "Close a DECIDED complaint; its handling ends." })
  closeComplaint(
    @Arg("complaintId", () => ID, { description: "The complaint's id; it must be DECIDED." }) complaintId: string,
    @Ctx() ctx: MonitoringContext,
  ) {
    return complaints.closeComplaint(ctx, complaintId);
  }
}

/** `_entities` goes through the same service and loader as `complaint(id)`. */
export function resolveComplaintReference(reference: { id: string }, ctx: MonitoringContext) {
  return complaints.complaintById(ctx, reference.id);
}
