import { connectionType } from "@kgraph/platform";
import { Official } from "./official.entity";

export const OfficialConnection = connectionType(Official, "Official");
