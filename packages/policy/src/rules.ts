/**
 * RECORD RULES: the named conditions under which a role holds a scope for some records only.
 * `access.ts` says which role gets which rule for which scope; each subgraph implements the
 * rules in SQL for the kinds of record it owns (its `*.records.ts` files), and a rule a subgraph
 * does not implement for a kind of record grants none of them (deny by default).
 *
 * `claim` is the token claim the rule compares records with. A token without that claim, or
 * with a malformed one, gets nothing from the rule. `grownBy` names the mutations through which
 * a caller's OWN write may bring existing records into the rule for that caller, as the
 * programme intends; every other write leaves what its author can read unchanged (apart from
 * the record it creates), and a test holds every mutation × role to that.
 */
export interface RecordRule {
  description: string;
  claim: "sub" | "facility_id" | "org_id" | "official_id" | null;
  /** How the claim must look to be usable: a uuid, or any text (up to 200 characters). */
  format?: "uuid" | "text";
  grownBy: readonly string[];
}

export const RULES = {
  counselOfRecord: {
    description:
      "cases where the caller (their token's `sub`) is the current counsel of record, and those cases' records (person, placements, complaints, notes)",
    claim: "sub",
    format: "uuid",
    grownBy: [],
  },
  residentOfOwnFacility: {
    description:
      "people whose placement at the caller's facility (`facility_id`) an MIA officer planned or confirmed — expected, checked in, or formerly there — and their records; a placement facility staff create themselves counts only once an officer confirms it",
    claim: "facility_id",
    format: "uuid",
    grownBy: [],
  },
  beforeHandover: {
    description: "cases not yet handed over to Kosovo (no arrival recorded)",
    claim: null,
    grownBy: [],
  },
  ownFacility: {
    description:
      "records of the caller's facility (`facility_id`): its placements, incidents, visits, recommendations, the officials working there and the task-force action items its operator owns",
    claim: "facility_id",
    format: "uuid",
    grownBy: [],
  },
  ownBody: {
    description:
      "monitoring records of the caller's own monitoring body (`org_id`), and the task-force action items that body owns",
    claim: "org_id",
    format: "uuid",
    grownBy: [],
  },
  filedByCaller: {
    description: "complaints the caller filed under their own name (an anonymous complaint records no filer)",
    claim: "sub",
    format: "text",
    grownBy: [],
  },
  visitedByOwnBody: {
    description:
      "complaints about a facility the caller's monitoring body (`org_id`) has actually visited: a visit that has started, is completed or published",
    claim: "org_id",
    format: "uuid",
    // A body that starts a visit to a facility may follow its complaints (DESIGN §3).
    grownBy: ["startVisit"],
  },
  referredToMia: {
    description: "complaints escalated to the Ministry of Internal Affairs",
    claim: null,
    grownBy: [],
  },
  addressedToDhs: {
    description: "recommendations addressed to the US Department of Homeland Security",
    claim: null,
    grownBy: [],
  },
  disclosed: {
    description:
      "monitoring records that do not give away a surprise inspection: visits that were announced or have started, their findings and recommendations, and incidents",
    claim: null,
    grownBy: [],
  },
  published: {
    description:
      "visits whose report is published, with their findings and recommendations; impact assessments once published",
    claim: null,
    grownBy: [],
  },
  openForConsultation: {
    description: "impact assessments put to consultation (and published ones): civil society is consulted on them",
    claim: null,
    grownBy: [],
  },
  ownedByDhs: {
    description: "task-force action items owned by the US Department of Homeland Security",
    claim: null,
    grownBy: [],
  },
  minutesPublished: {
    description:
      "what the task force has made public: the task force itself with its members and mandates, the obligations catalogue, and meetings whose minutes are published with their agenda items, decisions and the action items agreed there",
    claim: null,
    grownBy: [],
  },
  ownRecord: {
    description: "the caller's own training record (`official_id`), whatever their role",
    claim: "official_id",
    format: "uuid",
    grownBy: [],
  },
  author: {
    description: "privileged notes the caller wrote",
    claim: "sub",
    format: "uuid",
    grownBy: [],
  },
} as const satisfies Record<string, RecordRule>;

export type RuleName = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as RuleName[];
