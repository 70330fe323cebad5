import { auditTrailModule, buildFederatedSchema } from "@kgraph/platform";
import { AttendanceResolver } from "./modules/attendance/attendance.resolver";
import { CertificationResolver } from "./modules/certification/certification.resolver";
import { CourseResolver } from "./modules/course/course.resolver";
import { Facility } from "./modules/facility/facility.entity";
import { FacilityResolver } from "./modules/facility/facility.resolver";
import { OfficialResolver, resolveOfficialReference } from "./modules/official/official.resolver";
import { RequirementResolver } from "./modules/requirement/requirement.resolver";
import { SessionResolver } from "./modules/session/session.resolver";

/** The training subgraph schema; `npm run schema` prints it to schema/subgraphs/training.graphql. */
export function buildTrainingSchema() {
  const audit = auditTrailModule("training", { rootQuery: false });
  return buildFederatedSchema(
    {
      resolvers: [
        OfficialResolver,
        FacilityResolver,
        CourseResolver,
        RequirementResolver,
        SessionResolver,
        AttendanceResolver,
        CertificationResolver,
        ...audit.resolvers,
      ],
      // Reachable through Official.facility too; listed so `_entities` can always resolve it.
      orphanedTypes: [...audit.types, Facility],
    },
    {
      ...audit.reference,
      Official: { __resolveReference: resolveOfficialReference },
    },
  );
}
