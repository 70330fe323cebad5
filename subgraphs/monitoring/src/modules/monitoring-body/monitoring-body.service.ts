import type { MonitoringContext } from "../../context";
import { MonitoringBody } from "./monitoring-body.entity";

/** The maximum `Query.monitoringBodies` states: a reference list (the seed has 4). */
export const MONITORING_BODIES_LISTED = 50;

/** Every monitoring body, by name: at most one more than listed, which shows a cut. */
export async function listMonitoringBodies(ctx: MonitoringContext): Promise<MonitoringBody[]> {
  const rows = await ctx.db
    .getRepository(MonitoringBody)
    .find({ order: { name: "ASC", id: "ASC" }, take: MONITORING_BODIES_LISTED + 1 });
  for (const row of rows) ctx.loaders.monitoringBodyById.prime(row.id, row);
  return rows;
}

export function monitoringBodyById(ctx: MonitoringContext, id: string): Promise<MonitoringBody | null> {
  return ctx.loaders.monitoringBodyById.load(id);
}
