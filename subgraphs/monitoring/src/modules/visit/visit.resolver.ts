import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { Facility } from "../facility/facility.entity";
import { Finding } from "../finding/finding.entity";
import { findingsOfVisit } from "../finding/finding.service";
import { MonitoringBody } from "../monitoring-body/monitoring-body.entity";
import { monitoringBodyById } from "../monitoring-body/monitoring-body.service";
import { MonitoringVisitConnection } from "./visit.connection";
import { MonitoringVisit } from "./visit.entity";
import { VisitStatus } from "./visit-enums";
import {
  CompleteVisitInput,
  PlanVisitInput,
  PublishVisitReportInput,
  StartVisitInput,
  VisitFilter,
} from "./visit.inputs";
import * as visits from "./visit.service";
import { FINDINGS_PER_VISIT } from "../finding/finding.loaders";

@Resolver(() => MonitoringVisit)
export class VisitResolver {
  @Query(() => MonitoringVisit, { nullable: true, description: "One monitoring visit by id; null when there is none." })
  visit(
    @Arg("id", () => ID, { description: "The visit's id." }) id: string,
    @Ctx() ctx: MonitoringContext,
  ): Promise<MonitoringVisit | null> {
    return visits.visitById(ctx, id);
  }

  @PagedList()
  @Query(() => MonitoringVisitConnection, {
    description: "Monitoring visits, newest first (by planned start), a page at a time.",
  })
  visits(
    @Args() page: PageArgs,
    @Arg("filter", () => VisitFilter, {
      nullable: true,
      description: "Only visits matching every filter given; left out: all.",
    })
    filter: VisitFilter | null,
    @Ctx() ctx: MonitoringContext,
  ) {
    return visits.listVisits(ctx, { ...page, filter });
  }

  @Classified("monitoringReport")
  @FieldResolver(() => MonitoringBody, { description: "The monitoring body that visits." })
  async body(@Root() root: MonitoringVisit, @Ctx() ctx: MonitoringContext): Promise<MonitoringBody> {
    // A visit is only ever created for an existing body, and bodies are never deleted.
    return (await monitoringBodyById(ctx, root.bodyId)) as MonitoringBody;
  }

  @Classified("monitoringReport")
  @FieldResolver(() => Facility, { description: "The facility visited." })
  facility(@Root() root: MonitoringVisit): Facility {
    return { id: root.facilityId };
  }

  @Classified("monitoringReport")
  @FieldResolver(() => Boolean, { description: "True once the visit report is published." })
  published(@Root() root: MonitoringVisit): boolean {
    return root.status === VisitStatus.REPORT_PUBLISHED;
  }

  @Classified("monitoringReport")
  // At most FINDINGS_PER_VISIT: findings of one visit (the seed has at most 5).
  @BoundedList(FINDINGS_PER_VISIT)
  @FieldResolver(() => [Finding], {
    description: "What the visit found, in the order recorded." + " " + atMost(FINDINGS_PER_VISIT),
  })
  findings(@Root() root: MonitoringVisit, @Ctx() ctx: MonitoringContext): Promise<Finding[]> {
    return findingsOfVisit(ctx, root.id);
  }

  @RequiresScopes(SCOPES.MONITORING_WRITE)
  @Mutation(() => MonitoringVisit, {
    description: "Plan a visit by a monitoring body to a facility; it starts PLANNED.",
  })
  planVisit(
    @Arg("input", () => PlanVisitInput, {
      description:
        "The monitoring body, the facility, when the visit starts, whether it is announced, and the phases it covers.",
    })
    input: PlanVisitInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return visits.planVisit(ctx, input);
  }

  @RequiresScopes(SCOPES.MONITORING_WRITE)
  @Mutation(() => MonitoringVisit, { description: "Start a PLANNED visit: the monitors have arrived." })
  startVisit(
    @Arg("input", () => StartVisitInput, {
      description: "The PLANNED visit and, optionally, when the monitors arrived (now unless given).",
    })
    input: StartVisitInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return visits.startVisit(ctx, input);
  }

  @RequiresScopes(SCOPES.MONITORING_WRITE)
  @Mutation(() => MonitoringVisit, { description: "Complete a visit IN_PROGRESS: the monitors have left." })
  completeVisit(
    @Arg("input", () => CompleteVisitInput, {
      description: "The visit IN_PROGRESS and, optionally, when it ended (now unless given).",
    })
    input: CompleteVisitInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return visits.completeVisit(ctx, input);
  }

  @RequiresScopes(SCOPES.MONITORING_WRITE)
  @Mutation(() => MonitoringVisit, {
    description: "Publish the report of a COMPLETED visit; its findings become final and public.",
  })
  publishVisitReport(
    @Arg("input", () => PublishVisitReportInput, {
      description: "The COMPLETED visit and the summary of its report as published.",
    })
    input: PublishVisitReportInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return visits.publishVisitReport(ctx, input);
  }
}

/** `_entities` goes through the same service and loader as `visit(id)`. */
export function resolveVisitReference(reference: { id: string }, ctx: MonitoringContext) {
  return visits.visitById(ctx, reference.id);
}
