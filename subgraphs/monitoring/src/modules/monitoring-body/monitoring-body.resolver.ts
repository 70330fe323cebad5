import { atMost, BoundedList } from "@kgraph/platform";
import { Ctx, Query, Resolver } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { MonitoringBody } from "./monitoring-body.entity";
import { MONITORING_BODIES_LISTED, listMonitoringBodies } from "./monitoring-body.service";

@Resolver(() => MonitoringBody)
export class MonitoringBodyResolver {
  // At most MONITORING_BODIES_LISTED: reference list: monitoring bodies (the seed has 4).
  @BoundedList(MONITORING_BODIES_LISTED)
  @Query(() => [MonitoringBody], {
    description: "Every monitoring body, by name." + " " + atMost(MONITORING_BODIES_LISTED),
  })
  monitoringBodies(@Ctx() ctx: MonitoringContext): Promise<MonitoringBody[]> {
    return listMonitoringBodies(ctx);
  }
}
