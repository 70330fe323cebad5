import { createHmac } from "node:crypto";

/**
 * A stable keyed pseudonym for a case: the same case gives the same reference in every
 * subgraph (they share the key), and without the key it cannot be reversed or guessed.
 */
export function subjectRef(caseId: string, key: string): string {
  const digest = createHmac("sha256", key).update(`case:${caseId}`).digest("base64url");
  return `S-${digest.slice(0, 16)}`;
}
