import { IdempotencyKeys1796231120772 } from "./1796231120772-IdempotencyKeys";
import { AuditRequestIdIndex1796232092938 } from "./1796232092938-AuditRequestIdIndex";
import { AuditClientClaims1796205365434 } from "./1796205365434-AuditClientClaims";
import { AuditTrail1795811749893 } from "./1795811749893-AuditTrail";
import { Initial1795809542647 } from "./1795809542647-Initial";
import { PublishedAuthorizationViews1795811055203 } from "./1795811055203-PublishedAuthorizationViews";
/** Committed migrations, in order. `npm run migration:generate -- cases <Name>` adds to this list. */
export const migrations = [
  Initial1795809542647,
  PublishedAuthorizationViews1795811055203,
  AuditTrail1795811749893,
  AuditClientClaims1796205365434,
  IdempotencyKeys1796231120772,
  AuditRequestIdIndex1796232092938,
];
