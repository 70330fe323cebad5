import "reflect-metadata";
import { defineSubgraph } from "@kgraph/platform";
import { createLoaders } from "./context";
import { migrations } from "./migrations";
import { Attendance } from "./modules/attendance/attendance.entity";
import { AttendanceResolver } from "./modules/attendance/attendance.resolver";
import { Certification } from "./modules/certification/certification.entity";
import { CertificationResolver } from "./modules/certification/certification.resolver";
import { Course } from "./modules/course/course.entity";
import { CourseResolver } from "./modules/course/course.resolver";
import { Facility } from "./modules/facility/facility.entity";
import { FacilityResolver } from "./modules/facility/facility.resolver";
import { Official } from "./modules/official/official.entity";
import { OfficialResolver, resolveOfficialReference } from "./modules/official/official.resolver";
import { CourseRequirement } from "./modules/requirement/requirement.entity";
import { RequirementResolver } from "./modules/requirement/requirement.resolver";
import { TrainingSession } from "./modules/session/session.entity";
import {
  StatisticsQuarterTrainingResolver,
  resolveStatisticsQuarterReference,
} from "./modules/statistics/statistics.resolver";
import { StatisticsQuarter } from "./modules/statistics/statistics.types";
import { SessionResolver } from "./modules/session/session.resolver";

/**
 * The training subgraph as the tools, `npm start` and the tests see it; its port is in
 * subgraphs/registry.json, its schema printed to schema/subgraphs/training.graphql.
 */
export const definition = defineSubgraph({
  name: "training",
  entities: [Official, Course, CourseRequirement, TrainingSession, Attendance, Certification],
  migrations,
  resolvers: [
    OfficialResolver,
    FacilityResolver,
    CourseResolver,
    RequirementResolver,
    SessionResolver,
    AttendanceResolver,
    CertificationResolver,
    StatisticsQuarterTrainingResolver,
  ],
  // Reachable through Official.facility too; listed so `_entities` can always resolve it.
  orphanedTypes: [Facility, StatisticsQuarter],
  references: {
    Official: { __resolveReference: resolveOfficialReference },
    StatisticsQuarter: { __resolveReference: resolveStatisticsQuarterReference },
  },
  loaders: createLoaders,
});
