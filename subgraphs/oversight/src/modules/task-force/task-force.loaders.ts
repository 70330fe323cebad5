import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { Mandate, TaskForce, TaskForceMember } from "./task-force.entity";
import { TaskForceRecords } from "./task-force.records";

/** `TaskForce.members` and `TaskForce.mandates` state these maximums. */
export const MEMBERS_PER_TASK_FORCE = 60;
export const MANDATES_PER_TASK_FORCE = 30;
/** `taskForces` states this maximum. */
export const TASK_FORCES = 20;

/**
 * Loaders for one request. Task forces are read under the caller's rule in SQL; members and
 * mandates are reached only through a task force the caller reads (and their fields check it).
 */
export function createTaskForceLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(TaskForceRecords, SCOPES.OVERSIGHT_READ, "t");
  return {
    taskForceById: new DataLoader<string, TaskForce | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await db
        .getRepository(TaskForce)
        .createQueryBuilder("t")
        .where("t.id IN (:...ids)", { ids: wanted })
        .andWhere(readable.sql, readable.params)
        .getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** The readable task forces, oldest first (one more than TASK_FORCES shows a cut). */
    readableTaskForces: () =>
      db
        .getRepository(TaskForce)
        .createQueryBuilder("t")
        .where(readable.sql, readable.params)
        .orderBy("t.established_at", "ASC")
        .addOrderBy("t.id", "ASC")
        .limit(TASK_FORCES + 1)
        .getMany(),
    memberById: new DataLoader<string, TaskForceMember | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await db.getRepository(TaskForceMember).findBy(wanted.map((id) => ({ id })));
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A task force's first MEMBERS_PER_TASK_FORCE + 1 members, by agency then seniority. */
    membersByTaskForceId: new DataLoader<string, TaskForceMember[]>((taskForceIds) =>
      firstManyByKey(taskForceIds, db.getRepository(TaskForceMember).createQueryBuilder("m"), {
        column: "m.task_force_id",
        keyOf: (row) => row.taskForceId,
        order: [
          ["m.agency", "ASC"],
          ["m.joined_at", "ASC"],
          ["m.id", "ASC"],
        ],
        limit: MEMBERS_PER_TASK_FORCE + 1,
        wanted: wellFormedIds(taskForceIds),
      }),
    ),
    /** A task force's first MANDATES_PER_TASK_FORCE + 1 mandates, by source. */
    mandatesByTaskForceId: new DataLoader<string, Mandate[]>((taskForceIds) =>
      firstManyByKey(taskForceIds, db.getRepository(Mandate).createQueryBuilder("m"), {
        column: "m.task_force_id",
        keyOf: (row) => row.taskForceId,
        order: [
          ["m.source", "ASC"],
          ["m.id", "ASC"],
        ],
        limit: MANDATES_PER_TASK_FORCE + 1,
        wanted: wellFormedIds(taskForceIds),
      }),
    ),
  };
}
