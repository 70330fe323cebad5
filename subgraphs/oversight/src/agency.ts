import { registerEnumType } from "type-graphql";

/** The agencies that sit on the task force and owe it action: who owes what to whom. */
export enum TaskForceAgency {
  MIA = "MIA",
  DHS = "DHS",
  OMBUDSPERSON = "OMBUDSPERSON",
  FACILITY_OPERATOR = "FACILITY_OPERATOR",
  CIVIL_SOCIETY = "CIVIL_SOCIETY",
}

registerEnumType(TaskForceAgency, {
  name: "TaskForceAgency",
  description: "An agency of the inter-agency task force.",
  valuesConfig: {
    MIA: { description: "Kosovo Ministry of Internal Affairs." },
    DHS: { description: "US Department of Homeland Security (its liaison)." },
    OMBUDSPERSON: { description: "The Ombudsperson Institution (national preventive mechanism)." },
    FACILITY_OPERATOR: { description: "The operator of a facility (the facility's id is its organisation id)." },
    CIVIL_SOCIETY: { description: "A civil-society monitoring body (its id is its organisation id)." },
  },
});

export const AGENCIES: readonly TaskForceAgency[] = Object.values(TaskForceAgency);

/** Agencies whose members and action items name an organisation: the facility, or the monitoring body. */
export function agencyNeedsOrg(agency: TaskForceAgency): boolean {
  return agency === TaskForceAgency.FACILITY_OPERATOR || agency === TaskForceAgency.CIVIL_SOCIETY;
}
