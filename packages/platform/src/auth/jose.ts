/**
 * jose is ESM-only. Node 22.12+ loads it with require(), but TypeScript 5.9 cannot type a
 * require() of an ES module from CommonJS: this one bridge does, and the rest imports from here.
 */
export type Jose = typeof import("jose", { with: { "resolution-mode": "import" } });
export type { JWK, JWTPayload, JWTVerifyGetKey } from "jose" with { "resolution-mode": "import" };

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const jose: Jose = require("jose");
