import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TrainingContext } from "../../context";
import { Attendance } from "../attendance/attendance.entity";
import { attendancesOfOfficial } from "../attendance/attendance.service";
import { Certification } from "../certification/certification.entity";
import { certificationsOfOfficial } from "../certification/certification.service";
import { complianceOf } from "../compliance/compliance.service";
import { OfficialCompliance } from "../compliance/compliance.types";
import { Facility } from "../facility/facility.entity";
import { OfficialConnection } from "./official.connection";
import { Official } from "./official.entity";
import { OfficialFilter, RegisterOfficialInput, UpdateOfficialInput } from "./official.inputs";
import * as officials from "./official.service";
import { CERTIFICATIONS_PER_OFFICIAL } from "../certification/certification.loaders";
import { ATTENDANCES_PER_OFFICIAL } from "../attendance/attendance.loaders";

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => Official, { nullable: true, description: "One official by id; null when there is none." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  official(
    @Arg("id", () => ID, { description: "The official's id." }) id: string,
    @Ctx() ctx: TrainingContext,
  ): Promise<Official | null> {
    return officials.officialById(ctx, id);
  }

  @PagedList()
  @Query(() => OfficialConnection, { description: "Officials by family name, then given names, a page at a time." })
  @RequiresScopes(SCOPES.TRAINING_READ)
  officials(
    @Args() page: PageArgs,
    @Arg("filter", () => OfficialFilter, { nullable: true, description: "Only officials matching every given filter." })
    filter: OfficialFilter | null,
    @Ctx() ctx: TrainingContext,
  ) {
    return officials.listOfficials(ctx, { ...page, filter });
  }

  @FieldResolver(() => String, { description: "Display name: given names, then family name." })
  @Classified("training")
  name(@Root() root: Official): string {
    return officials.displayName(root);
  }

  @FieldResolver(() => Facility, { nullable: true, description: "The facility the official works at; null when none." })
  @Classified("training")
  facility(@Root() root: Official): Facility | null {
    return root.facilityId ? { id: root.facilityId } : null;
  }

  // At most CERTIFICATIONS_PER_OFFICIAL: grows over a career: comfortably above the seed.
  @BoundedList(CERTIFICATIONS_PER_OFFICIAL)
  @FieldResolver(() => [Certification], {
    description:
      "Every certificate the official was issued, latest first, expired ones included " +
      "(empty when the caller may not read this official's training records)." +
      " " +
      atMost(CERTIFICATIONS_PER_OFFICIAL),
  })
  @Classified("trainingRecord", { ruleAppliedBy: "returnedRecords" })
  certifications(@Root() root: Official, @Ctx() ctx: TrainingContext): Promise<Certification[]> {
    return certificationsOfOfficial(ctx, root.id);
  }

  // At most ATTENDANCES_PER_OFFICIAL: grows over a career: comfortably above the seed.
  @BoundedList(ATTENDANCES_PER_OFFICIAL)
  @FieldResolver(() => [Attendance], {
    description:
      "The official's registrations for sessions, latest session first " +
      "(empty when the caller may not read this official's training records)." +
      " " +
      atMost(ATTENDANCES_PER_OFFICIAL),
  })
  @Classified("trainingRecord", { ruleAppliedBy: "returnedRecords" })
  attendances(@Root() root: Official, @Ctx() ctx: TrainingContext): Promise<Attendance[]> {
    return attendancesOfOfficial(ctx, root.id);
  }

  @FieldResolver(() => OfficialCompliance, {
    nullable: true,
    description:
      "Whether the official holds a valid certificate for every course their job role requires, judged now; " +
      "null when the caller may not read this official's training records.",
  })
  @Classified("trainingRecord")
  compliance(@Root() root: Official, @Ctx() ctx: TrainingContext): Promise<OfficialCompliance | null> {
    return complianceOf(ctx, root);
  }

  @Mutation(() => Official, { description: "Add an official to the registry; they start active." })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  registerOfficial(
    @Arg("input", () => RegisterOfficialInput, { description: "Who to register." }) input: RegisterOfficialInput,
    @Ctx() ctx: TrainingContext,
  ) {
    return officials.registerOfficial(ctx, input);
  }

  @Mutation(() => Official, {
    description: "Change an official's details, job role, facility or whether they are active.",
  })
  @RequiresScopes(SCOPES.TRAINING_WRITE)
  updateOfficial(
    @Arg("input", () => UpdateOfficialInput, { description: "What to change." }) input: UpdateOfficialInput,
    @Ctx() ctx: TrainingContext,
  ) {
    return officials.updateOfficial(ctx, input);
  }
}

/** `_entities` goes through the same service and loader as `official(id)`. */
export function resolveOfficialReference(reference: { id: string }, ctx: TrainingContext) {
  return officials.officialById(ctx, reference.id);
}
