import { connectionType } from "@kgraph/platform";
import { Transfer } from "./transfer.entity";

export const TransferConnection = connectionType(Transfer, "Transfer");
