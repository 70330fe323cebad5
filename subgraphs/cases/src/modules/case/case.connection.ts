import { connectionType } from "@kgraph/platform";
import { Case } from "./case.entity";

export const CaseConnection = connectionType(Case, "Case");
