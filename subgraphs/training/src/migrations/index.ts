import { IdempotencyKeys1796231136923 } from "./1796231136923-IdempotencyKeys";
import { AuditRequestIdIndex1796232119390 } from "./1796232119390-AuditRequestIdIndex";
import { AuditClientClaims1796205389672 } from "./1796205389672-AuditClientClaims";
import { AuditTrail1795811616017 } from "./1795811616017-AuditTrail";
import { Initial1795809469908 } from "./1795809469908-Initial";
/** Committed migrations, in order. `npm run migration:generate -- training <Name>` adds to this list. */
export const migrations = [
  Initial1795809469908,
  AuditTrail1795811616017,
  AuditClientClaims1796205389672,
  IdempotencyKeys1796231136923,
  AuditRequestIdIndex1796232119390,
];
