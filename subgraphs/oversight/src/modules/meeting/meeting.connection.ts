import { connectionType } from "@kgraph/platform";
import { TaskForceMeeting } from "./meeting.entity";

export const TaskForceMeetingConnection = connectionType(TaskForceMeeting, "TaskForceMeeting");
