import { connectionType } from "@kgraph/platform";
import { TrainingSession } from "./session.entity";

export const TrainingSessionConnection = connectionType(TrainingSession, "TrainingSession");
