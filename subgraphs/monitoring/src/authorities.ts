/**
 * Authorities named in free text. Escalations (`ComplaintEscalation.to`) and recommendation
 * addressees (`Recommendation.addressee`) are written by people ("Ministry of Internal Affairs –
 * Inspectorate", "US DHS / ICE"), so a record rule that depends on the authority matches the name
 * as a whole word or phrase, case-insensitively. The patterns are POSIX-compatible: PostgreSQL
 * applies them with `~*` in the record rules, and `namesAuthority` applies the same pattern in
 * JavaScript (for unit tests and for the policy's documentation).
 */

/** The Ministry of Internal Affairs: "MIA" or "Ministry of Internal Affairs", alone or within a longer name. */
export const MIA_AUTHORITY = "(^|[^a-z])(mia|ministry of internal affairs)([^a-z]|$)";

/** The US Department of Homeland Security: "DHS" or "Homeland Security", alone or within a longer name. */
export const DHS_AUTHORITY = "(^|[^a-z])(dhs|homeland security)([^a-z]|$)";

export function namesAuthority(text: string, authority: string): boolean {
  return new RegExp(authority, "i").test(text);
}
