import type { MonitoringContext } from "../../context";
import { MonitoringBody } from "./monitoring-body.entity";

export async function listMonitoringBodies(ctx: MonitoringContext): Promise<MonitoringBody[]> {
  const rows = await ctx.db.getRepository(MonitoringBody).find({ order: { name: "ASC", id: "ASC" } });
  for (const row of rows) ctx.loaders.monitoringBodyById.prime(row.id, row);
  return rows;
}

export function monitoringBodyById(ctx: MonitoringContext, id: string): Promise<MonitoringBody | null> {
  return ctx.loaders.monitoringBodyById.load(id);
}
