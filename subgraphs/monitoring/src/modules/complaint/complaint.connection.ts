import { connectionType } from "@kgraph/platform";
import { Complaint } from "./complaint.entity";

export const ComplaintConnection = connectionType(Complaint, "Complaint");
