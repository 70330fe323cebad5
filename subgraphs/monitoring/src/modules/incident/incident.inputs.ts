import { ArrayMaxSize, ArrayUnique, IsIn, IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IncidentStatus, IncidentType } from "./incident.entity";
import { MAX_INCIDENT_CASES } from "./incident.policy";

@InputType({ description: "An incident to record." })
export class RecordIncidentInput {
  @Field(() => IncidentType, { description: "What kind of incident it was." })
  type: IncidentType;

  @Field({ description: "When it happened; not in the future." })
  at: Date;

  @Field(() => ID, { description: "The facility where it happened." })
  facilityId: string;

  @Field(() => [ID], {
    defaultValue: [],
    description: `The cases of the people involved (at most ${MAX_INCIDENT_CASES}); required for every type but OTHER.`,
  })
  @ArrayMaxSize(MAX_INCIDENT_CASES, { message: `must name at most ${MAX_INCIDENT_CASES} cases` })
  @ArrayUnique({ message: "must name each case only once" })
  caseIds: string[];

  @Field({ description: "What happened." })
  @Length(10, 20000, { message: "must be between 10 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  narrative: string;
}

@InputType({ description: "Move an incident's follow-up on." })
export class ChangeIncidentStatusInput {
  @Field(() => ID, { description: "The incident." })
  incidentId: string;

  @Field(() => IncidentStatus, { description: "The status to move to; must be allowed from the current one." })
  status: IncidentStatus;
}

@InputType({ description: "Filters for the incident list; all given filters must match." })
export class IncidentFilter {
  @Field(() => ID, { nullable: true, description: "Only incidents at this facility." })
  @IsOptional()
  facilityId?: string | null;

  @Field(() => [IncidentType], { nullable: true, description: "Only incidents of one of these types." })
  @IsOptional()
  @IsIn(Object.values(IncidentType), { each: true })
  type?: IncidentType[] | null;

  @Field(() => [IncidentStatus], { nullable: true, description: "Only incidents in one of these statuses." })
  @IsOptional()
  @IsIn(Object.values(IncidentStatus), { each: true })
  status?: IncidentStatus[] | null;
}
