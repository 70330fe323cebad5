import { IsInt, IsOptional, Length, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { FacilityStatus, FacilityType } from "./facility.entity";

const MAX_CAPACITY = 100_000;

@InputType({ description: "A new facility." })
export class CreateFacilityInput {
  @Field({ description: "Name of the facility; must not be taken by another facility." })
  @Length(2, 200, { message: "must be 2 to 200 characters long" })
  name: string;

  @Field(() => FacilityType, { description: "What kind of facility it is." })
  type: FacilityType;

  @Field({ description: "Municipality the facility is in." })
  @Length(2, 100, { message: "must be 2 to 100 characters long" })
  municipality: string;

  @Field(() => Int, { description: `Official number of places, 1 to ${MAX_CAPACITY}.` })
  @IsInt({ message: "must be a whole number" })
  @Min(1, { message: "must be at least 1" })
  @Max(MAX_CAPACITY, { message: `must be at most ${MAX_CAPACITY}` })
  officialCapacity: number;

  @Field(() => FacilityStatus, {
    defaultValue: FacilityStatus.OPERATIONAL,
    description: "Whether it takes residents; OPERATIONAL unless given.",
  })
  status: FacilityStatus;
}

@InputType({ description: "Changes to a facility; fields left out stay as they are." })
export class UpdateFacilityInput {
  @Field(() => ID, { description: "The facility." })
  id: string;

  @Field(() => String, { nullable: true, description: "New name; must not be taken by another facility." })
  @IsOptional()
  @Length(2, 200, { message: "must be 2 to 200 characters long" })
  name?: string | null;

  @Field(() => FacilityType, {
    nullable: true,
    description: "New kind; not away from DETENTION_CENTRE while someone is detained there.",
  })
  type?: FacilityType | null;

  @Field(() => String, { nullable: true, description: "New municipality." })
  @IsOptional()
  @Length(2, 100, { message: "must be 2 to 100 characters long" })
  municipality?: string | null;

  @Field(() => Int, { nullable: true, description: "New official capacity; not below the current occupancy." })
  @IsOptional()
  @IsInt({ message: "must be a whole number" })
  @Min(1, { message: "must be at least 1" })
  @Max(MAX_CAPACITY, { message: `must be at most ${MAX_CAPACITY}` })
  officialCapacity?: number | null;

  @Field(() => FacilityStatus, { nullable: true, description: "New status; CLOSED only once no placement is open." })
  status?: FacilityStatus | null;
}
