import { connectionType } from "@kgraph/platform";
import { ActionItem } from "./action-item.entity";

export const ActionItemConnection = connectionType(ActionItem, "ActionItem");
