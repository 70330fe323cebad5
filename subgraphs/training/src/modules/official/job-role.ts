import { registerEnumType } from "type-graphql";

/** What an official does; training requirements are set per job role. */
export enum JobRole {
  CASE_OFFICER = "CASE_OFFICER",
  BORDER_POLICE = "BORDER_POLICE",
  FACILITY_STAFF = "FACILITY_STAFF",
  FACILITY_MANAGER = "FACILITY_MANAGER",
  MEDICAL_STAFF = "MEDICAL_STAFF",
  SOCIAL_WORKER = "SOCIAL_WORKER",
  INTERPRETER = "INTERPRETER",
}

registerEnumType(JobRole, {
  name: "JobRole",
  description: "What an official does in the programme; mandatory training is set per job role.",
  valuesConfig: {
    CASE_OFFICER: { description: "Ministry of Internal Affairs officer who runs cases." },
    BORDER_POLICE: { description: "Police officer at the border and on transfers." },
    FACILITY_STAFF: { description: "Staff working with residents in a facility." },
    FACILITY_MANAGER: { description: "Manager responsible for a facility." },
    MEDICAL_STAFF: { description: "Doctor, nurse or other health worker." },
    SOCIAL_WORKER: { description: "Social worker supporting residents." },
    INTERPRETER: { description: "Interpreter working with residents and officials." },
  },
});

/** The agency an official works for. */
export enum Agency {
  MIA = "MIA",
  KOSOVO_POLICE = "KOSOVO_POLICE",
  FACILITY_OPERATOR = "FACILITY_OPERATOR",
  HEALTH = "HEALTH",
  SOCIAL_WELFARE = "SOCIAL_WELFARE",
}

registerEnumType(Agency, {
  name: "Agency",
  description: "The agency an official works for.",
  valuesConfig: {
    MIA: { description: "Kosovo Ministry of Internal Affairs." },
    KOSOVO_POLICE: { description: "Kosovo Police, including border police." },
    FACILITY_OPERATOR: { description: "The operator running a reception or detention facility." },
    HEALTH: { description: "Public health services." },
    SOCIAL_WELFARE: { description: "Centres for social work and welfare services." },
  },
});
