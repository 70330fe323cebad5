import type { RecordAccess, SubgraphContext } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createAssessmentLoaders } from "./modules/assessment/assessment.loaders";
import { createActionItemLoaders } from "./modules/action-item/action-item.loaders";
import { createMeetingLoaders } from "./modules/meeting/meeting.loaders";
import { createOverdueLoaders } from "./modules/overdue/overdue.loaders";
import { createTaskForceLoaders } from "./modules/task-force/task-force.loaders";

/**
 * Every loader of this subgraph, created fresh for each request (never shared between callers):
 * they apply the viewer's record rules in their SQL (the `*.records.ts` of each feature).
 */
export function createLoaders(db: DataSource, access: RecordAccess) {
  const actionItems = createActionItemLoaders(db, access);
  return {
    ...createTaskForceLoaders(db, access),
    ...createMeetingLoaders(db, access),
    ...actionItems,
    ...createOverdueLoaders(actionItems.readableActionItems),
    ...createAssessmentLoaders(db, access),
  };
}

export type OversightLoaders = ReturnType<typeof createLoaders>;

/** What the oversight resolvers get: the platform's context (`now`: when the request arrived) and these loaders. */
export type OversightContext = SubgraphContext<OversightLoaders>;
