import { SCOPES } from "@kgraph/policy";
import { atMost, BoundedList, Classified, PageArgs, PagedList, RequiresScopes } from "@kgraph/platform";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { MonitoringContext } from "../../context";
import { Facility } from "../facility/facility.entity";
import { IncidentConnection } from "./incident.connection";
import { Incident } from "./incident.entity";
import { ChangeIncidentStatusInput, IncidentFilter, RecordIncidentInput } from "./incident.inputs";
import * as incidents from "./incident.service";
import { MAX_INCIDENT_CASES } from "./incident.policy";

@Resolver(() => Incident)
export class IncidentResolver {
  @RequiresScopes(SCOPES.MONITORING_READ)
  @Query(() => Incident, { nullable: true, description: "One incident by id; null when there is none." })
  incident(
    @Arg("id", () => ID, { description: "The incident's id." }) id: string,
    @Ctx() ctx: MonitoringContext,
  ): Promise<Incident | null> {
    return incidents.incidentById(ctx, id);
  }

  @RequiresScopes(SCOPES.MONITORING_READ)
  @PagedList()
  @Query(() => IncidentConnection, { description: "Incidents, most recent first, a page at a time." })
  incidents(
    @Args() page: PageArgs,
    @Arg("filter", () => IncidentFilter, {
      nullable: true,
      description: "Only incidents matching every filter given; left out: all.",
    })
    filter: IncidentFilter | null,
    @Ctx() ctx: MonitoringContext,
  ) {
    return incidents.listIncidents(ctx, { ...page, filter });
  }

  @Classified("monitoring")
  @FieldResolver(() => Facility, { description: "The facility where it happened." })
  facility(@Root() root: Incident): Facility {
    return { id: root.facilityId };
  }

  @Classified("monitoring")
  // At most MAX_INCIDENT_CASES: the cases an incident may name.
  @BoundedList(MAX_INCIDENT_CASES)
  @FieldResolver(() => [String], {
    description:
      "Pseudonyms of the people involved (the same as their cases' `subjectRef`); names no one." +
      " " +
      atMost(MAX_INCIDENT_CASES),
  })
  subjectRefs(@Root() root: Incident, @Ctx() ctx: MonitoringContext): string[] {
    return incidents.incidentSubjectRefs(ctx, root);
  }

  @RequiresScopes(SCOPES.INCIDENT_WRITE)
  @Mutation(() => Incident, { description: "Record an incident at a facility; it starts REPORTED." })
  recordIncident(
    @Arg("input", () => RecordIncidentInput, {
      description:
        "What happened, when (not in the future), at which facility, and the cases of the people involved (required for every type but OTHER).",
    })
    input: RecordIncidentInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return incidents.recordIncident(ctx, input);
  }

  @RequiresScopes(SCOPES.INCIDENT_WRITE)
  @Mutation(() => Incident, {
    description: "Move an incident's follow-up on: REPORTED → UNDER_INVESTIGATION → CLOSED (or straight to CLOSED).",
  })
  changeIncidentStatus(
    @Arg("input", () => ChangeIncidentStatusInput, {
      description: "The incident and the status to move to; the move must be allowed from its current status.",
    })
    input: ChangeIncidentStatusInput,
    @Ctx() ctx: MonitoringContext,
  ) {
    return incidents.changeIncidentStatus(ctx, input);
  }
}

/** `_entities` goes through the same service and loader as `incident(id)`. */
export function resolveIncidentReference(reference: { id: string }, ctx: MonitoringContext) {
  return incidents.incidentById(ctx, reference.id);
}
