import { BoundedList, Classified, PageArgs, PagedList, PublicFigure, RequiresScopes, atMost } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OversightContext } from "../../context";
import { ActionItem, ActionItemStatus } from "../action-item/action-item.entity";
import { actionItemById } from "../action-item/action-item.service";
import { Facility } from "../concern/concern.entity";
import { publishReportOf } from "../public-report/public-report.service";
import { ImpactAssessmentConnection } from "./assessment.connection";
import { AssessmentRecommendation, ImpactAssessment } from "./assessment.entity";
import {
  AssessmentFilterInput,
  CreateImpactAssessmentInput,
  MAX_FINDINGS,
  MAX_RECOMMENDATIONS,
  ReviseImpactAssessmentInput,
} from "./assessment.inputs";
import { AssessmentStatus } from "./assessment.policy";
import * as assessments from "./assessment.service";

/** Indicators of one quarter: every subgraph's figures with the derived ones (a few hundred at most). */
export const MAX_INDICATORS = 500;

@Resolver(() => ImpactAssessment)
export class AssessmentResolver {
  @Query(() => ImpactAssessment, {
    nullable: true,
    description: "One impact assessment by id; null when there is none to read (anyone reads a published one).",
  })
  impactAssessment(
    @Arg("id", () => ID, { description: "The assessment's id." }) id: string,
    @Ctx() ctx: OversightContext,
  ): Promise<ImpactAssessment | null> {
    return assessments.assessmentById(ctx, id);
  }

  @PagedList()
  @Query(() => ImpactAssessmentConnection, {
    description:
      "Impact assessments the caller may read (everyone: the published ones), latest drafted first, a page at a time.",
  })
  impactAssessments(
    @Args() page: PageArgs,
    @Arg("filter", () => AssessmentFilterInput, {
      nullable: true,
      description: "Only assessments matching every condition.",
    })
    filter: AssessmentFilterInput | null,
    @Ctx() ctx: OversightContext,
  ) {
    return assessments.listAssessments(ctx, { ...page, filter });
  }

  @FieldResolver(() => Facility, {
    nullable: true,
    description: "The facility assessed (FACILITY scope); null otherwise.",
  })
  @Classified("assessment")
  facility(@Root() root: ImpactAssessment): Facility | null {
    return root.facilityId ? { id: root.facilityId } : null;
  }

  @BoundedList(MAX_INDICATORS)
  @FieldResolver(() => [PublicFigure], {
    description:
      "Its indicators: the quarter's public figures (the published cells of the statistics rules) within its scope. Frozen when it is published — the figures as they were then, whatever arrives later; before, as the graph gives them now (none while the quarter is not over). " +
      atMost(MAX_INDICATORS),
  })
  @Classified("assessment")
  indicators(@Root() root: ImpactAssessment, @Ctx() ctx: OversightContext): Promise<PublicFigure[]> {
    return assessments.indicatorsOf(ctx, root);
  }

  @FieldResolver(() => Boolean, { description: "True once published: the indicators are frozen." })
  @Classified("assessment")
  indicatorsFrozen(@Root() root: ImpactAssessment): boolean {
    return root.frozenIndicators !== null;
  }

  @BoundedList(MAX_RECOMMENDATIONS)
  @FieldResolver(() => [AssessmentRecommendation], {
    description: "Its recommendations, in order. " + atMost(MAX_RECOMMENDATIONS),
  })
  @Classified("assessment")
  recommendations(@Root() root: ImpactAssessment, @Ctx() ctx: OversightContext): Promise<AssessmentRecommendation[]> {
    return assessments.recommendationsOf(ctx, root.id);
  }

  @Mutation(() => ImpactAssessment, { description: "Draft an impact assessment (the Ombudsperson)." })
  @RequiresScopes(SCOPES.ASSESSMENT_WRITE)
  createImpactAssessment(
    @Arg("input", () => CreateImpactAssessmentInput, {
      description: `The quarter, scope, method, findings (at most ${MAX_FINDINGS}) and recommendations.`,
    })
    input: CreateImpactAssessmentInput,
    @Ctx() ctx: OversightContext,
  ) {
    return assessments.createAssessment(ctx, input);
  }

  @Mutation(() => ImpactAssessment, {
    description: "Revise an assessment in DRAFT or CONSULTATION (published ones are final).",
  })
  @RequiresScopes(SCOPES.ASSESSMENT_WRITE)
  reviseImpactAssessment(
    @Arg("id", () => ID, { description: "The assessment." }) id: string,
    @Arg("input", () => ReviseImpactAssessmentInput, { description: "What changes; what is left out stays." })
    input: ReviseImpactAssessmentInput,
    @Ctx() ctx: OversightContext,
  ) {
    return assessments.reviseAssessment(ctx, id, input);
  }

  @Mutation(() => ImpactAssessment, {
    description:
      "Move an assessment on: DRAFT → CONSULTATION → PUBLISHED. Publishing (once the quarter is over) freezes its indicators, makes each recommendation an action item of its addressee, and for a PROGRAMME assessment publishes the quarter's public report.",
  })
  @RequiresScopes(SCOPES.ASSESSMENT_WRITE)
  moveImpactAssessment(
    @Arg("id", () => ID, { description: "The assessment." }) id: string,
    @Arg("status", () => AssessmentStatus, { description: "The status to move to." }) status: AssessmentStatus,
    @Ctx() ctx: OversightContext,
  ) {
    return assessments.moveAssessment(ctx, id, status, {
      onPublish: (tx, a, history) => publishReportOf(tx, a, history),
    });
  }
}

@Resolver(() => AssessmentRecommendation)
export class AssessmentRecommendationResolver {
  @FieldResolver(() => ActionItemStatus, {
    nullable: true,
    description: "Where its follow-up stands (the action item's status); null until the assessment is published.",
  })
  @Classified("assessment")
  status(@Root() root: AssessmentRecommendation, @Ctx() ctx: OversightContext): Promise<ActionItemStatus | null> {
    return assessments.followUpStatus(ctx, root);
  }

  @FieldResolver(() => ActionItem, {
    nullable: true,
    description: "The action item that follows it up (under the task force's rules); null until published.",
  })
  @Classified("oversight", { ruleAppliedBy: "returnedRecords" })
  followUp(@Root() root: AssessmentRecommendation, @Ctx() ctx: OversightContext): Promise<ActionItem | null> {
    return root.actionItemId ? actionItemById(ctx, root.actionItemId) : Promise.resolve(null);
  }
}
