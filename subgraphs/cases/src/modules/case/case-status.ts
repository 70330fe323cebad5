import { registerEnumType } from "type-graphql";

export enum CaseStatus {
  NOMINATED = "NOMINATED",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
  IN_TRANSIT = "IN_TRANSIT",
  RECEIVED = "RECEIVED",
  ACCOMMODATED = "ACCOMMODATED",
  ONWARD_RETURN_PLANNED = "ONWARD_RETURN_PLANNED",
  RETURNED = "RETURNED",
  TRANSFERRED = "TRANSFERRED",
  ABSCONDED = "ABSCONDED",
  CLOSED = "CLOSED",
}

registerEnumType(CaseStatus, {
  name: "CaseStatus",
  description: "Where a case stands in the programme.",
  valuesConfig: {
    NOMINATED: { description: "Proposed by the sending state; not yet accepted by Kosovo." },
    ACCEPTED: { description: "Accepted by Kosovo; awaiting transfer." },
    DECLINED: { description: "Declined by Kosovo (final)." },
    IN_TRANSIT: { description: "On a transfer to Kosovo." },
    RECEIVED: { description: "Arrived and handed over to Kosovo's authorities." },
    ACCOMMODATED: { description: "Placed in a facility." },
    ONWARD_RETURN_PLANNED: { description: "Return to a country of origin or a third country is being arranged." },
    RETURNED: { description: "Returned onward (final)." },
    TRANSFERRED: { description: "Transferred to another procedure or state (final)." },
    ABSCONDED: { description: "Left without notice (final)." },
    CLOSED: { description: "Closed for another reason (final)." },
  },
});
