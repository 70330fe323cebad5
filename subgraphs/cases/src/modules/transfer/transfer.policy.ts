import { CaseStatus } from "../case/case-status";
import { TransferDirection, TransferStatus } from "./transfer.entity";

/** From each transfer status, the statuses it may move to next. */
export const NEXT_TRANSFER_STATUSES: Readonly<Record<TransferStatus, readonly TransferStatus[]>> = {
  [TransferStatus.PLANNED]: [
    TransferStatus.IN_FLIGHT,
    TransferStatus.ARRIVED,
    TransferStatus.HANDED_OVER,
    TransferStatus.CANCELLED,
  ],
  [TransferStatus.IN_FLIGHT]: [TransferStatus.ARRIVED, TransferStatus.HANDED_OVER],
  [TransferStatus.ARRIVED]: [TransferStatus.HANDED_OVER],
  [TransferStatus.HANDED_OVER]: [],
  [TransferStatus.CANCELLED]: [],
};

export function canMoveTransfer(from: TransferStatus, to: TransferStatus): boolean {
  return NEXT_TRANSFER_STATUSES[from].includes(to);
}

/** A transfer that still holds its cases: a case may be on at most one of these at a time. */
export const ACTIVE_TRANSFER_STATUSES: readonly TransferStatus[] = [
  TransferStatus.PLANNED,
  TransferStatus.IN_FLIGHT,
  TransferStatus.ARRIVED,
];

/** The status a case must have to be booked on a transfer of this direction. */
export function bookableStatus(direction: TransferDirection): CaseStatus {
  return direction === TransferDirection.INBOUND ? CaseStatus.ACCEPTED : CaseStatus.ONWARD_RETURN_PLANNED;
}

/** The status a case has while it is on the transfer, before handover. */
export function enRouteStatus(direction: TransferDirection): CaseStatus {
  return direction === TransferDirection.INBOUND ? CaseStatus.IN_TRANSIT : CaseStatus.ONWARD_RETURN_PLANNED;
}

/** The status a case moves to at handover. */
export function handedOverStatus(direction: TransferDirection): CaseStatus {
  return direction === TransferDirection.INBOUND ? CaseStatus.RECEIVED : CaseStatus.RETURNED;
}
