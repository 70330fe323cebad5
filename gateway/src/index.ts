export { loadGatewayConfig, subgraphUrls } from "./config";
export { cachedReadiness, checkReadiness } from "./health";
export { startGateway } from "./server";
