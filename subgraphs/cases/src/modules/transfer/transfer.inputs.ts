import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsIn, IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { TransferDirection, TransferStatus } from "./transfer.entity";

/** Most cases one transfer may carry: a charter flight's seats, with margin. */
export const MAX_CASES_PER_TRANSFER = 300;

@InputType({ description: "A transfer to record, with the cases booked on it." })
export class RecordTransferInput {
  @Field(() => TransferDirection, { description: "INBOUND (ACCEPTED cases) or ONWARD (ONWARD_RETURN_PLANNED cases)." })
  direction: TransferDirection;

  @Field({ description: "Flight number or call sign: 3 to 10 capital letters or digits, e.g. SYN123." })
  @Matches(/^[A-Z0-9]{3,10}$/, { message: "must be 3 to 10 capital letters or digits, e.g. SYN123" })
  flightNumber: string;

  @Field({ description: "Scheduled departure." })
  departureAt: Date;

  @Field(() => Date, { nullable: true, description: "Scheduled arrival; must be after the departure." })
  @IsOptional()
  arrivalAt?: Date | null;

  @Field(() => [ID], { description: `The cases on it (1 to ${MAX_CASES_PER_TRANSFER}, each once).` })
  @ArrayNotEmpty({ message: "must name at least one case" })
  @ArrayMaxSize(MAX_CASES_PER_TRANSFER, { message: `must name at most ${MAX_CASES_PER_TRANSFER} cases` })
  @ArrayUnique({ message: "must name each case once" })
  caseIds: string[];
}

@InputType({ description: "The handover of everyone on a transfer to the receiving authorities." })
export class RecordHandoverInput {
  @Field(() => ID, { description: "The transfer." })
  transferId: string;

  @Field(() => Date, { nullable: true, description: "When the handover happened; now when omitted." })
  @IsOptional()
  handoverAt?: Date | null;
}

@InputType({ description: "Call off a transfer that has not departed." })
export class CancelTransferInput {
  @Field(() => ID, { description: "The transfer." })
  transferId: string;

  @Field({ description: "Why it was called off." })
  @Length(3, 500, { message: "must be 3 to 500 characters" })
  reason: string;
}

@InputType({ description: "Record a transfer's departure or arrival." })
export class UpdateTransferStatusInput {
  @Field(() => ID, { description: "The transfer." })
  transferId: string;

  @Field(() => TransferStatus, { description: "IN_FLIGHT (departed) or ARRIVED (landed)." })
  @IsIn([TransferStatus.IN_FLIGHT, TransferStatus.ARRIVED], {
    message: "must be IN_FLIGHT or ARRIVED (handover and cancellation have their own mutations)",
  })
  status: TransferStatus;

  @Field(() => Date, { nullable: true, description: "When it departed or arrived; now when omitted." })
  @IsOptional()
  at?: Date | null;
}

@InputType({ description: "Filters for the transfer list; all given filters must match." })
export class TransferFilter {
  @Field(() => TransferDirection, { nullable: true, description: "Only transfers in this direction." })
  @IsOptional()
  direction?: TransferDirection | null;

  @Field(() => [TransferStatus], { nullable: true, description: "Only transfers in one of these statuses." })
  @IsOptional()
  @IsIn(Object.values(TransferStatus), { each: true })
  status?: TransferStatus[] | null;
}
