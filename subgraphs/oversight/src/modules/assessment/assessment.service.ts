import { randomUUID } from "node:crypto";
import {
  type Page,
  type PublicFigure,
  badUserInput,
  checkPageSize,
  conflict,
  decodeCursor,
  isStorableInstant,
  notFound,
  toPage,
  userError,
} from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import type { EntityManager } from "typeorm";
import { agencyNeedsOrg } from "../../agency";
import type { OversightContext } from "../../context";
import type { ActionItemStatus } from "../action-item/action-item.entity";
import { insertActionItem } from "../action-item/action-item.service";
import { type QuarterFigures, readQuarterFigures } from "../statistics-quarter/public-figures";
import { quarterArgument } from "../statistics-quarter/statistics-quarter.service";
import { TaskForce } from "../task-force/task-force.entity";
import { AssessmentRecommendation, ImpactAssessment } from "./assessment.entity";
import type {
  AssessmentFilterInput,
  AssessmentRecommendationInput,
  CreateImpactAssessmentInput,
  ReviseImpactAssessmentInput,
} from "./assessment.inputs";
import {
  ASSESSMENT_TRANSITIONS,
  ASSESSMENT_WRITE_FORBIDDEN,
  AssessmentScope,
  AssessmentStatus,
  canMoveAssessment,
  canReviseAssessment,
  figuresInScope,
  isQuarterOver,
} from "./assessment.policy";
import { AssessmentRecords } from "./assessment.records";

/** How many quarters a public report charts: the period and the seven before it. */
export const REPORT_QUARTERS = 8;

export function assessmentById(ctx: OversightContext, id: string): Promise<ImpactAssessment | null> {
  return ctx.loaders.assessmentById.load(id);
}

export function recommendationsOf(ctx: OversightContext, assessmentId: string): Promise<AssessmentRecommendation[]> {
  return ctx.loaders.recommendationsByAssessmentId.load(assessmentId);
}

export async function followUpStatus(
  ctx: OversightContext,
  recommendation: AssessmentRecommendation,
): Promise<ActionItemStatus | null> {
  return recommendation.actionItemId
    ? ctx.loaders.followUpStatusByActionItemId.load(recommendation.actionItemId)
    : null;
}

/** Assessments the caller reads, latest drafted first, a page at a time. */
export async function listAssessments(
  ctx: OversightContext,
  args: { first: number; after?: string | null; filter?: AssessmentFilterInput | null },
): Promise<Page<ImpactAssessment>> {
  const first = checkPageSize(args.first);
  const query = ctx.loaders.readableAssessments();
  const filter = args.filter ?? {};
  if (filter.quarter)
    query.andWhere("a.quarter = :quarter", { quarter: quarterArgument(filter.quarter, "filter.quarter") });
  if (filter.status) query.andWhere("a.status = :status", { status: filter.status });
  if (args.after) {
    const [createdAt, id] = decodeCursor(args.after, "time");
    query.andWhere("(a.created_at, a.id) < (:createdAt, :id)", { createdAt, id });
  }
  const rows = await query
    .orderBy("a.created_at", "DESC")
    .addOrderBy("a.id", "DESC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.assessmentById.prime(row.id, row);
  return toPage(rows, first, "time", (row) => [row.createdAt.toISOString(), row.id]);
}

/**
 * The assessment's indicators: once published, the figures frozen then; before, the quarter's
 * public figures as the graph gives them now (empty while the quarter is not over).
 */
export async function indicatorsOf(ctx: OversightContext, assessment: ImpactAssessment): Promise<PublicFigure[]> {
  if (assessment.frozenIndicators) return assessment.frozenIndicators;
  if (!isQuarterOver(assessment.quarter, ctx.now)) return [];
  const [quarter] = await readQuarterFigures(ctx, assessment.quarter, 1);
  return figuresInScope(quarter?.figures ?? [], assessment.scope, assessment.facilityId);
}

function checkRecommendations(recommendations: readonly AssessmentRecommendationInput[], argument: string): void {
  recommendations.forEach((r, i) => {
    const at = `${argument}[${i}]`;
    if (agencyNeedsOrg(r.addressee) && !r.addresseeOrgId) {
      throw badUserInput(`${at}.addresseeOrgId is required for ${r.addressee}: name the organisation.`, {
        argument: `${at}.addresseeOrgId`,
      });
    }
    if (!agencyNeedsOrg(r.addressee) && r.addresseeOrgId) {
      throw badUserInput(`${at}.addresseeOrgId names an organisation, which ${r.addressee} does not have.`, {
        argument: `${at}.addresseeOrgId`,
      });
    }
    if (!isStorableInstant(r.dueAt)) {
      throw badUserInput(`${at}.dueAt is out of range.`, { argument: `${at}.dueAt` });
    }
  });
}

async function insertRecommendations(
  tx: EntityManager,
  assessmentId: string,
  recommendations: readonly AssessmentRecommendationInput[],
): Promise<void> {
  await tx.delete(AssessmentRecommendation, { assessmentId });
  if (!recommendations.length) return;
  await tx.insert(
    AssessmentRecommendation,
    recommendations.map((r, i) => ({
      id: randomUUID(),
      assessmentId,
      position: i + 1,
      text: r.text.trim(),
      addressee: r.addressee,
      addresseeOrgId: r.addresseeOrgId ?? null,
      addresseeOfficialName: r.addresseeOfficialName.trim(),
      dueAt: r.dueAt,
      actionItemId: null,
    })),
  );
}

export async function createAssessment(
  ctx: OversightContext,
  input: CreateImpactAssessmentInput,
): Promise<ImpactAssessment> {
  const quarter = quarterArgument(input.quarter, "input.quarter");
  if ((input.scope === AssessmentScope.FACILITY) !== Boolean(input.facilityId)) {
    throw badUserInput("input.facilityId is required for FACILITY scope and refused for any other.", {
      argument: "input.facilityId",
    });
  }
  const policy = input.policy?.trim() || null;
  if ((input.scope === AssessmentScope.POLICY) !== Boolean(policy)) {
    throw badUserInput("input.policy is required for POLICY scope and refused for any other.", {
      argument: "input.policy",
    });
  }
  if (policy && policy.length > 300) {
    throw badUserInput("input.policy must be at most 300 characters.", { argument: "input.policy" });
  }
  checkRecommendations(input.recommendations, "input.recommendations");
  const created = await ctx.db.transaction(async (tx) => {
    if (
      !(await ctx.access.allowsNew(tx, AssessmentRecords, SCOPES.ASSESSMENT_WRITE, { status: AssessmentStatus.DRAFT }))
    ) {
      throw userError("FORBIDDEN", ASSESSMENT_WRITE_FORBIDDEN);
    }
    if (!(await tx.existsBy(TaskForce, { id: input.taskForceId }))) throw notFound("TaskForce", input.taskForceId);
    const assessment = tx.create(ImpactAssessment, {
      id: randomUUID(),
      taskForceId: input.taskForceId,
      title: input.title.trim(),
      quarter,
      scope: input.scope,
      facilityId: input.facilityId ?? null,
      policy,
      method: input.method.trim(),
      findings: input.findings.map((f) => f.trim()),
      status: AssessmentStatus.DRAFT,
      frozenIndicators: null,
      createdAt: new Date(),
      consultationAt: null,
      publishedAt: null,
    });
    await tx.insert(ImpactAssessment, assessment);
    await insertRecommendations(tx, assessment.id, input.recommendations);
    return assessment;
  });
  prime(ctx, created);
  return created;
}

function lockAssessment(ctx: OversightContext, tx: EntityManager, id: string): Promise<ImpactAssessment> {
  return ctx.access.lockForWrite(tx, ImpactAssessment, AssessmentRecords, SCOPES.ASSESSMENT_WRITE, id, {
    what: "ImpactAssessment",
    message: ASSESSMENT_WRITE_FORBIDDEN,
  });
}

export async function reviseAssessment(
  ctx: OversightContext,
  id: string,
  input: ReviseImpactAssessmentInput,
): Promise<ImpactAssessment> {
  if (input.recommendations) checkRecommendations(input.recommendations, "input.recommendations");
  const revised = await ctx.db.transaction(async (tx) => {
    const assessment = await lockAssessment(ctx, tx, id);
    if (!canReviseAssessment(assessment.status)) {
      throw badUserInput(`Impact assessment ${id} is PUBLISHED: it is final and cannot be revised.`, {
        argument: "id",
        status: assessment.status,
      });
    }
    const changes: Partial<ImpactAssessment> = {};
    if (input.title != null) changes.title = input.title.trim();
    if (input.method != null) changes.method = input.method.trim();
    if (input.findings != null) changes.findings = input.findings.map((f) => f.trim());
    if (Object.keys(changes).length) await tx.update(ImpactAssessment, { id }, changes);
    if (input.recommendations != null) await insertRecommendations(tx, id, input.recommendations);
    return Object.assign(assessment, changes);
  });
  prime(ctx, revised);
  return revised;
}

/**
 * Moves an assessment on. Publishing freezes its indicators (the quarter's public figures, read
 * through the graph before the transaction), turns each recommendation into an action item owned
 * by its addressee, and — for the programme's assessment — publishes the quarter's public report,
 * all in one transaction with one audit event.
 */
export async function moveAssessment(
  ctx: OversightContext,
  id: string,
  status: AssessmentStatus,
  hooks: {
    onPublish?: (tx: EntityManager, assessment: ImpactAssessment, history: QuarterFigures[]) => Promise<void>;
  } = {},
): Promise<ImpactAssessment> {
  // Read first, outside any transaction (one audit event per request: the write's), so that the
  // graph is asked only for a move the caller may make; the transaction below checks again.
  const current = (await ctx.access.allows(AssessmentRecords, SCOPES.ASSESSMENT_WRITE, id))
    ? await ctx.db.getRepository(ImpactAssessment).findOneBy({ id })
    : null;
  let figures: PublicFigure[] | null = null;
  let history: QuarterFigures[] = [];
  if (current) checkMove(current, status);
  if (current && status === AssessmentStatus.PUBLISHED) {
    if (!isQuarterOver(current.quarter, ctx.now)) {
      throw badUserInput(
        `${current.quarter} is not over yet: its figures do not exist until it is, so the assessment cannot be published before.`,
        { argument: "status" },
      );
    }
    // The quarter and the seven before it (the public report charts them over time), read before
    // the transaction so that no lock is held while the graph answers.
    history = await readQuarterFigures(ctx, current.quarter, REPORT_QUARTERS);
    const quarter = history.find((q) => q.quarter === current.quarter);
    figures = figuresInScope(quarter?.figures ?? [], current.scope, current.facilityId);
  }
  const moved = await ctx.db.transaction(async (tx) => {
    const assessment = await lockAssessment(ctx, tx, id);
    checkMove(assessment, status);
    const now = new Date();
    const changes: Partial<ImpactAssessment> =
      status === AssessmentStatus.CONSULTATION
        ? { status, consultationAt: now }
        : { status, publishedAt: now, frozenIndicators: figures };
    await tx.update(ImpactAssessment, { id }, changes as never);
    // The entity itself (its class carries the record rule of its fields), changed.
    const result = Object.assign(assessment, changes);
    if (status === AssessmentStatus.PUBLISHED) {
      if (assessment.scope === AssessmentScope.PROGRAMME) {
        const other = await tx
          .getRepository(ImpactAssessment)
          .createQueryBuilder("a")
          .where("a.quarter = :quarter AND a.scope = :scope AND a.status = :published AND a.id <> :id", {
            quarter: assessment.quarter,
            scope: AssessmentScope.PROGRAMME,
            published: AssessmentStatus.PUBLISHED,
            id,
          })
          .getExists();
        if (other) {
          throw conflict(
            `A programme assessment of ${assessment.quarter} is already published: there is one per quarter.`,
            {
              argument: "id",
            },
          );
        }
      }
      await followUpRecommendations(ctx, tx, result);
      await hooks.onPublish?.(tx, result, history);
    }
    return result;
  });
  prime(ctx, moved);
  return moved;
}

function checkMove(assessment: ImpactAssessment, status: AssessmentStatus): void {
  if (!canMoveAssessment(assessment.status, status)) {
    const allowed = ASSESSMENT_TRANSITIONS[assessment.status];
    throw badUserInput(
      `Impact assessment ${assessment.id} is ${assessment.status}; it can move to ${allowed.length ? allowed.join(" or ") : "nothing (final)"}, not ${status}.`,
      { argument: "status", status: assessment.status },
    );
  }
}

/** Each recommendation becomes an OPEN action item of its addressee, due when it is. */
async function followUpRecommendations(
  ctx: OversightContext,
  tx: EntityManager,
  assessment: ImpactAssessment,
): Promise<void> {
  const recommendations = await tx.find(AssessmentRecommendation, {
    where: { assessmentId: assessment.id },
    order: { position: "ASC" },
  });
  for (const [i, r] of recommendations.entries()) {
    const item = await insertActionItem(
      ctx,
      tx,
      {
        taskForceId: assessment.taskForceId,
        meetingId: null,
        decisionId: null,
        agendaItemId: null,
        title: `Assessment ${assessment.quarter}, recommendation ${r.position}: ${r.text}`.slice(0, 300),
        owner: { agency: r.addressee, orgId: r.addresseeOrgId, officialName: r.addresseeOfficialName },
        dueAt: r.dueAt,
        concerns: null,
        reason: `Recommended by the impact assessment "${assessment.title}" (${assessment.quarter}), published.`,
      },
      `recommendations[${i}]`,
    );
    await tx.update(AssessmentRecommendation, { id: r.id }, { actionItemId: item.id });
  }
}

function prime(ctx: OversightContext, assessment: ImpactAssessment): void {
  ctx.loaders.assessmentById.clear(assessment.id).prime(assessment.id, assessment);
  ctx.loaders.recommendationsByAssessmentId.clear(assessment.id);
}
