import { connectionType } from "@kgraph/platform";
import { Incident } from "./incident.entity";

export const IncidentConnection = connectionType(Incident, "Incident");
