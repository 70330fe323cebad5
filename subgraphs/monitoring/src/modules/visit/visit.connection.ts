import { connectionType } from "@kgraph/platform";
import { MonitoringVisit } from "./visit.entity";

export const MonitoringVisitConnection = connectionType(MonitoringVisit, "MonitoringVisit");
