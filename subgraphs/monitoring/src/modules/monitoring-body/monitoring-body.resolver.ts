import { Ctx, Query, Resolver } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { MonitoringBody } from "./monitoring-body.entity";
import { listMonitoringBodies } from "./monitoring-body.service";

@Resolver(() => MonitoringBody)
export class MonitoringBodyResolver {
  @Query(() => [MonitoringBody], { description: "Every monitoring body, by name." })
  monitoringBodies(@Ctx() ctx: MonitoringContext): Promise<MonitoringBody[]> {
    return listMonitoringBodies(ctx);
  }
}
