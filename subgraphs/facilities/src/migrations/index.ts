import { AuditClientClaims1796205373566 } from "./1796205373566-AuditClientClaims";
import { AuditTrail1795811515745 } from "./1795811515745-AuditTrail";
import { Initial1795809384198 } from "./1795809384198-Initial";
import { PublishedAuthorizationViews1795810919868 } from "./1795810919868-PublishedAuthorizationViews";
/** Committed migrations, in order. `npm run migration:generate -- facilities <Name>` adds to this list. */
export const migrations = [
  Initial1795809384198,
  PublishedAuthorizationViews1795810919868,
  AuditTrail1795811515745,
  AuditClientClaims1796205373566,
];
