/**
 * Pure rules for a counsel contact event. Returns what is wrong, in words, or null when the
 * event is consistent: granted and held not before the request, held not before granted, a
 * contact that was held was granted, and a denied request was neither granted nor held.
 */
export function contactEventProblem(event: {
  requestedAt: Date;
  grantedAt?: Date | null;
  heldAt?: Date | null;
  deniedReason?: string | null;
}): { field: string; problem: string } | null {
  const { requestedAt, grantedAt, heldAt, deniedReason } = event;
  if (deniedReason != null) {
    if (heldAt)
      return { field: "heldAt", problem: "A denied request was not held: give either deniedReason or heldAt." };
    if (grantedAt)
      return {
        field: "grantedAt",
        problem: "A denied request was not granted: give either deniedReason or grantedAt.",
      };
    return null;
  }
  if (grantedAt && grantedAt < requestedAt) {
    return { field: "grantedAt", problem: "grantedAt must not be before requestedAt." };
  }
  if (heldAt && heldAt < requestedAt) {
    return { field: "heldAt", problem: "heldAt must not be before requestedAt." };
  }
  if (heldAt && !grantedAt) {
    return { field: "grantedAt", problem: "A contact that was held was granted: give grantedAt too." };
  }
  if (heldAt && grantedAt && heldAt < grantedAt) {
    return { field: "heldAt", problem: "heldAt must not be before grantedAt." };
  }
  return null;
}
