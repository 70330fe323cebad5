import { Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { FindingSeverity } from "./finding.entity";

@InputType({ description: "A finding to record on a visit that is under way or completed (not yet published)." })
export class AddFindingInput {
  @Field(() => ID, { description: "The visit, which must be IN_PROGRESS or COMPLETED." })
  visitId: string;

  @Field(() => FindingSeverity, { description: "How serious the finding is." })
  severity: FindingSeverity;

  @Field({ description: "The standard it is measured against." })
  @Length(2, 200, { message: "must be between 2 and 200 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  standardRef: string;

  @Field({ description: "What the monitors found." })
  @Length(10, 20000, { message: "must be between 10 and 20000 characters" })
  @Matches(/\S/, { message: "must not be blank" })
  description: string;
}
