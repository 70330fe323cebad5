export { type MetricsListener, startMetricsListener } from "./server";
export { ANONYMOUS_OPERATION, OTHER_OPERATION, operationLabeler } from "./operation-label";
export { SubgraphMetrics } from "./subgraph-metrics";
