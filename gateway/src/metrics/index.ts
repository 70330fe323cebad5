export { type GatewayMetrics, REFUSAL_CODES, createGatewayMetrics } from "./gateway-metrics";
