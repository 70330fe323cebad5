import { atMost, BoundedList, Classified, RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../../context";
import { Case } from "../case/case.entity";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "./counsel.entity";
import {
  AddPrivilegedNoteInput,
  AssignCounselInput,
  EndRepresentationInput,
  RecordCounselContactInput,
} from "./counsel.inputs";
import * as counsel from "./counsel.service";
import { COUNSEL_CONTACTS_PER_CASE, PRIVILEGED_NOTES_PER_CASE, REPRESENTATIONS_PER_CASE } from "./counsel.loaders";

@Resolver(() => LegalRepresentation)
export class LegalRepresentationResolver {
  @FieldResolver(() => Case, { nullable: true, description: "The case represented." })
  @Classified("case")
  case(@Root() root: LegalRepresentation, @Ctx() ctx: CasesContext) {
    return counsel.caseOf(ctx, root);
  }

  @Mutation(() => LegalRepresentation, {
    description: "Make a counsel the counsel of record of an open case; the previous representation ends then.",
  })
  @RequiresScopes(SCOPES.CASE_WRITE)
  assignCounsel(
    @Arg("input", () => AssignCounselInput, { description: "The details; see the input type." })
    input: AssignCounselInput,
    @Ctx() ctx: CasesContext,
  ) {
    return counsel.assignCounsel(ctx, input);
  }

  @Mutation(() => LegalRepresentation, { description: "End a current representation." })
  @RequiresScopes(SCOPES.CASE_WRITE)
  endRepresentation(
    @Arg("input", () => EndRepresentationInput, { description: "The details; see the input type." })
    input: EndRepresentationInput,
    @Ctx() ctx: CasesContext,
  ) {
    return counsel.endRepresentation(ctx, input);
  }
}

@Resolver(() => CounselContactEvent)
export class CounselContactEventResolver {
  @FieldResolver(() => Case, { nullable: true, description: "The case whose person asked for contact." })
  @Classified("case")
  case(@Root() root: CounselContactEvent, @Ctx() ctx: CasesContext) {
    return counsel.caseOf(ctx, root);
  }

  @Mutation(() => CounselContactEvent, {
    description: "Record a request to contact counsel and whether it was granted, held or denied.",
  })
  @RequiresScopes(SCOPES.COUNSEL_WRITE)
  recordCounselContact(
    @Arg("input", () => RecordCounselContactInput, { description: "The details; see the input type." })
    input: RecordCounselContactInput,
    @Ctx() ctx: CasesContext,
  ) {
    return counsel.recordCounselContact(ctx, input);
  }
}

@Resolver(() => PrivilegedNote)
export class PrivilegedNoteResolver {
  @FieldResolver(() => Case, { nullable: true, description: "The case the note is about." })
  @Classified("case")
  case(@Root() root: PrivilegedNote, @Ctx() ctx: CasesContext) {
    return counsel.caseOf(ctx, root);
  }

  @Mutation(() => PrivilegedNote, { description: "Add a privileged note as the case's current counsel of record." })
  @RequiresScopes(SCOPES.CASE_PRIVILEGED)
  addPrivilegedNote(
    @Arg("input", () => AddPrivilegedNoteInput, { description: "The details; see the input type." })
    input: AddPrivilegedNoteInput,
    @Ctx() ctx: CasesContext,
  ) {
    return counsel.addPrivilegedNote(ctx, input);
  }
}

@Resolver(() => Case)
export class CaseCounselResolver {
  @FieldResolver(() => LegalRepresentation, {
    nullable: true,
    description: "The current counsel of record; null when none.",
  })
  @Classified("case")
  representation(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return counsel.currentRepresentationOfCase(ctx, root.id);
  }

  // At most REPRESENTATIONS_PER_CASE: counsel of one case over its life.
  @BoundedList(REPRESENTATIONS_PER_CASE)
  @FieldResolver(() => [LegalRepresentation], {
    description: "Every representation of the case, newest first." + " " + atMost(REPRESENTATIONS_PER_CASE),
  })
  @Classified("case")
  representationHistory(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return counsel.representationHistoryOfCase(ctx, root.id);
  }

  // At most COUNSEL_CONTACTS_PER_CASE: grows over a stay: comfortably above the seed.
  @BoundedList(COUNSEL_CONTACTS_PER_CASE)
  @FieldResolver(() => [CounselContactEvent], {
    description: "Requests to contact counsel, oldest first." + " " + atMost(COUNSEL_CONTACTS_PER_CASE),
  })
  @Classified("case")
  counselContacts(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return counsel.counselContactsOfCase(ctx, root.id);
  }

  // At most PRIVILEGED_NOTES_PER_CASE: grows over a stay: comfortably above the seed.
  @BoundedList(PRIVILEGED_NOTES_PER_CASE)
  @FieldResolver(() => [PrivilegedNote], {
    description: "Privileged notes by counsel, oldest first." + " " + atMost(PRIVILEGED_NOTES_PER_CASE),
  })
  @Classified("case")
  privilegedNotes(@Root() root: Case, @Ctx() ctx: CasesContext) {
    return counsel.privilegedNotesOfCase(ctx, root.id);
  }
}
