import { connectionType } from "@kgraph/platform";
import { Placement } from "./placement.entity";

export const PlacementConnection = connectionType(Placement, "Placement");
