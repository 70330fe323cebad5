import { CaseStatus } from "./case-status";

/** The case state machine: from each status, the statuses a case may move to next. */
export const NEXT_STATUSES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  [CaseStatus.NOMINATED]: [CaseStatus.ACCEPTED, CaseStatus.DECLINED],
  [CaseStatus.ACCEPTED]: [CaseStatus.IN_TRANSIT, CaseStatus.CLOSED],
  [CaseStatus.IN_TRANSIT]: [CaseStatus.RECEIVED, CaseStatus.CLOSED],
  [CaseStatus.RECEIVED]: [CaseStatus.ACCOMMODATED, CaseStatus.ABSCONDED, CaseStatus.CLOSED],
  [CaseStatus.ACCOMMODATED]: [CaseStatus.ONWARD_RETURN_PLANNED, CaseStatus.ABSCONDED, CaseStatus.CLOSED],
  [CaseStatus.ONWARD_RETURN_PLANNED]: [
    CaseStatus.RETURNED,
    CaseStatus.TRANSFERRED,
    CaseStatus.ABSCONDED,
    CaseStatus.CLOSED,
  ],
  [CaseStatus.RETURNED]: [],
  [CaseStatus.TRANSFERRED]: [],
  [CaseStatus.ABSCONDED]: [],
  [CaseStatus.CLOSED]: [],
  [CaseStatus.DECLINED]: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function isFinal(status: CaseStatus): boolean {
  return NEXT_STATUSES[status].length === 0;
}

/** Statuses that count as an arrival in Kosovo (against the monthly cap). */
export function isArrival(from: CaseStatus, to: CaseStatus): boolean {
  return to === CaseStatus.RECEIVED && from !== CaseStatus.RECEIVED;
}
