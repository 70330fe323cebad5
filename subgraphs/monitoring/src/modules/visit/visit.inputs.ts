import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { VisitPhase, VisitStatus } from "./visit-enums";

@InputType({ description: "A visit a monitoring body plans to a facility." })
export class PlanVisitInput {
  @Field(() => ID, { description: "The monitoring body that visits." })
  bodyId: string;

  @Field(() => ID, { description: "The facility to visit (from the facilities subgraph)." })
  facilityId: string;

  @Field({ description: "When the visit is planned to start." })
  plannedFor: Date;

  @Field({ description: "True when the facility is told in advance; false for an unannounced visit." })
  announced: boolean;

  @Field(() => [VisitPhase], { description: "The parts the visit will cover, at least one, each once." })
  @ArrayMinSize(1, { message: "must name at least one phase" })
  @ArrayMaxSize(Object.keys(VisitPhase).length)
  @ArrayUnique({ message: "must name each phase only once" })
  phases: VisitPhase[];
}

@InputType({ description: "The monitors arrived: the visit starts." })
export class StartVisitInput {
  @Field(() => ID, { description: "The visit, which must be PLANNED." })
  visitId: string;

  @Field(() => Date, {
    nullable: true,
    description: "When the monitors arrived; now when omitted. Not in the future, and within the last 24 hours.",
  })
  @IsOptional()
  startedAt?: Date | null;
}

@InputType({ description: "The monitors left: the visit is complete." })
export class CompleteVisitInput {
  @Field(() => ID, { description: "The visit, which must be IN_PROGRESS." })
  visitId: string;

  @Field(() => Date, {
    nullable: true,
    description: "When the visit ended; now when omitted. Not before it started, not in the future.",
  })
  @IsOptional()
  endedAt?: Date | null;
}

@InputType({ description: "Publish the report of a completed visit; its findings become final." })
export class PublishVisitReportInput {
  @Field(() => ID, { description: "The visit, which must be COMPLETED." })
  visitId: string;

  @Field({ description: "Summary of the report as published." })
  @Length(10, 20000, { message: "must be between 10 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  summary: string;
}

@InputType({ description: "Filters for the visit list; all given filters must match." })
export class VisitFilter {
  @Field(() => ID, { nullable: true, description: "Only visits to this facility." })
  @IsOptional()
  facilityId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only visits by this monitoring body." })
  @IsOptional()
  bodyId?: string | null;

  @Field(() => [VisitStatus], { nullable: true, description: "Only visits in one of these statuses." })
  @IsOptional()
  @IsIn(Object.values(VisitStatus), { each: true })
  status?: VisitStatus[] | null;
}
