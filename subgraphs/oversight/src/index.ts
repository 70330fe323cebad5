import "reflect-metadata";
import { defineSubgraph } from "@kgraph/platform";
import { createLoaders } from "./context";
import { migrations } from "./migrations";
import { ActionItem, ActionItemTransition } from "./modules/action-item/action-item.entity";
import {
  ActionItemResolver,
  MeetingActionItemsResolver,
  resolveActionItemReference,
} from "./modules/action-item/action-item.resolver";
import { AssessmentRecommendation, ImpactAssessment } from "./modules/assessment/assessment.entity";
import { AssessmentRecommendationResolver, AssessmentResolver } from "./modules/assessment/assessment.resolver";
import { PublicReport } from "./modules/public-report/public-report.entity";
import { PublicReportResolver } from "./modules/public-report/public-report.resolver";
import { Case, CaseReview, Complaint, Facility, Finding, Recommendation } from "./modules/concern/concern.entity";
import { AgendaItem, Decision, TaskForceMeeting } from "./modules/meeting/meeting.entity";
import { AgendaItemResolver, DecisionResolver, MeetingResolver } from "./modules/meeting/meeting.resolver";
import { Obligation } from "./modules/obligation/obligation.entity";
import { ObligationResolver } from "./modules/obligation/obligation.resolver";
import { OverdueResolver, resolveOverdueLedgerReference } from "./modules/overdue/overdue.resolver";
import { OverdueLedger } from "./modules/overdue/overdue.types";
import { ReviewGapResolver } from "./modules/review-gap/review-gap.resolver";
import { Mandate, TaskForce, TaskForceMember } from "./modules/task-force/task-force.entity";
import { TaskForceResolver } from "./modules/task-force/task-force.resolver";
import {
  StatisticsQuarterResolver,
  resolveStatisticsQuarterReference,
} from "./modules/statistics-quarter/statistics-quarter.resolver";

/**
 * The oversight subgraph (DESIGN §5) as the tools, `npm start` and the tests see it: the task
 * force, its meetings and action items, the obligations catalogue and the overdue ledgers. Its
 * port is in subgraphs/registry.json, its schema printed to schema/subgraphs/oversight.graphql.
 */
export const definition = defineSubgraph({
  name: "oversight",
  entities: [
    TaskForce,
    TaskForceMember,
    Mandate,
    TaskForceMeeting,
    AgendaItem,
    Decision,
    ActionItem,
    ActionItemTransition,
    Obligation,
    ImpactAssessment,
    AssessmentRecommendation,
    PublicReport,
  ],
  migrations,
  resolvers: [
    TaskForceResolver,
    MeetingResolver,
    AgendaItemResolver,
    DecisionResolver,
    ActionItemResolver,
    MeetingActionItemsResolver,
    ReviewGapResolver,
    ObligationResolver,
    OverdueResolver,
    StatisticsQuarterResolver,
    AssessmentResolver,
    AssessmentRecommendationResolver,
    PublicReportResolver,
  ],
  // The records action items and agenda items concern, owned elsewhere: reachable through the
  // Concern union, listed so their stubs are always in the schema.
  orphanedTypes: [Case, Facility, Complaint, CaseReview, Finding, Recommendation, OverdueLedger],
  references: {
    ActionItem: { __resolveReference: resolveActionItemReference },
    OverdueLedger: { __resolveReference: resolveOverdueLedgerReference },
    StatisticsQuarter: { __resolveReference: resolveStatisticsQuarterReference },
  },
  loaders: createLoaders,
});
