import { atMost, BoundedList } from "@kgraph/platform";
import { Ctx, Query, Resolver } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { MonitoringBody } from "./monitoring-body.entity";
import { listMonitoringBodies } from "./monitoring-body.service";

@Resolver(() => MonitoringBody)
export class MonitoringBodyResolver {
  // At most 50: reference list: monitoring bodies (the seed has 4).
  @BoundedList(50)
  @Query(() => [MonitoringBody], { description: "Every monitoring body, by name." + " " + atMost(50) })
  monitoringBodies(@Ctx() ctx: MonitoringContext): Promise<MonitoringBody[]> {
    return listMonitoringBodies(ctx);
  }
}
