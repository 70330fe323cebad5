import { connectionType } from "@kgraph/platform";
import { ImpactAssessment } from "./assessment.entity";

export const ImpactAssessmentConnection = connectionType(ImpactAssessment, "ImpactAssessment");
