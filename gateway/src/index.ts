export { loadGatewayConfig, subgraphUrls } from "./config";
export { checkReadiness } from "./health";
export { startGateway } from "./server";
