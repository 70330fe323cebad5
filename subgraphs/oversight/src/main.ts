// The oversight subgraph's process: HOST, PORT, DATABASE_URL, … as for every subgraph (README, Configuration).
import { runSubgraph } from "@kgraph/platform/dist/subgraph-main";

runSubgraph("oversight", __dirname);
