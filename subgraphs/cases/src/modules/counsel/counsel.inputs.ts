import { IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

const NOT_BLANK = /\S/;

@InputType({ description: "Make a counsel the counsel of record of a case." })
export class AssignCounselInput {
  @Field(() => ID, { description: "The case." })
  caseId: string;

  @Field(() => ID, { description: "The counsel (their user id)." })
  counselId: string;

  @Field({ description: "The law firm or legal aid organisation the counsel acts for." })
  @Length(2, 200, { message: "must be 2 to 200 characters" })
  @Matches(NOT_BLANK, { message: "must not be blank" })
  organisation: string;

  @Field(() => Date, {
    nullable: true,
    description: "When the representation begins; now when omitted. Ends the previous one then.",
  })
  @IsOptional()
  from?: Date | null;
}

@InputType({ description: "End a representation." })
export class EndRepresentationInput {
  @Field(() => ID, { description: "The representation." })
  representationId: string;

  @Field(() => Date, { nullable: true, description: "When it ended; now when omitted." })
  @IsOptional()
  to?: Date | null;
}

@InputType({
  description:
    "A request to contact counsel: granted and held not before requested; a denial gives its reason and was neither granted nor held.",
})
export class RecordCounselContactInput {
  @Field(() => ID, { description: "The case." })
  caseId: string;

  @Field({ description: "When the person asked to contact counsel." })
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the contact was granted." })
  @IsOptional()
  grantedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "When the contact took place." })
  @IsOptional()
  heldAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Why the request was denied; giving it records a denial." })
  @IsOptional()
  @Length(3, 1000, { message: "must be 3 to 1000 characters" })
  @Matches(NOT_BLANK, { message: "must not be blank" })
  deniedReason?: string | null;
}

@InputType({ description: "A privileged note by the current counsel of record." })
export class AddPrivilegedNoteInput {
  @Field(() => ID, { description: "The case." })
  caseId: string;

  @Field({ description: "The note (1 to 20 000 characters)." })
  @Length(1, 20_000, { message: "must be 1 to 20000 characters" })
  @Matches(NOT_BLANK, { message: "must not be blank" })
  text: string;
}
