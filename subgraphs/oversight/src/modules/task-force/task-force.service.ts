import type { OversightContext } from "../../context";
import type { Mandate, TaskForce, TaskForceMember } from "./task-force.entity";

export function taskForceById(ctx: OversightContext, id: string): Promise<TaskForce | null> {
  return ctx.loaders.taskForceById.load(id);
}

export async function taskForces(ctx: OversightContext): Promise<TaskForce[]> {
  const rows = await ctx.loaders.readableTaskForces();
  for (const row of rows) ctx.loaders.taskForceById.prime(row.id, row);
  return rows;
}

export function membersOf(ctx: OversightContext, taskForceId: string): Promise<TaskForceMember[]> {
  return ctx.loaders.membersByTaskForceId.load(taskForceId);
}

export function mandatesOf(ctx: OversightContext, taskForceId: string): Promise<Mandate[]> {
  return ctx.loaders.mandatesByTaskForceId.load(taskForceId);
}

/** Members by id, in the order given, those that exist. */
export async function membersByIds(ctx: OversightContext, ids: readonly string[]): Promise<TaskForceMember[]> {
  const found = await ctx.loaders.memberById.loadMany([...ids]);
  return found.filter((m): m is TaskForceMember => m !== null && !(m instanceof Error));
}
