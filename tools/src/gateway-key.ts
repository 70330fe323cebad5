import { generateKeyPairJwk } from "@kgraph/platform";

/**
 * `npm run gateway-key`: a fresh key pair for the gateway's own tokens (the ones it sends to
 * subgraphs for public callers), printed as the two environment variables docker-compose.yml
 * reads. Put them in an .env file kept out of git.
 */
async function main(): Promise<void> {
  const { privateJwk, publicJwk } = await generateKeyPairJwk(`kgraph-gateway-${new Date().toISOString().slice(0, 10)}`);
  process.stdout.write(`GATEWAY_SIGNING_JWK='${JSON.stringify(privateJwk)}'\n`);
  process.stdout.write(`GATEWAY_PUBLIC_JWK='${JSON.stringify(publicJwk)}'\n`);
}

void main();
