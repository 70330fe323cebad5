import { IdempotencyKeys1796231125815 } from "./1796231125815-IdempotencyKeys";
import { AuditRequestIdIndex1796232101919 } from "./1796232101919-AuditRequestIdIndex";
import { AuditClientClaims1796205373566 } from "./1796205373566-AuditClientClaims";
import { AuditTrail1795811515745 } from "./1795811515745-AuditTrail";
import { Initial1795809384198 } from "./1795809384198-Initial";
import { PublishedAuthorizationViews1795810919868 } from "./1795810919868-PublishedAuthorizationViews";
import { PlacementConfirmation1795900000000 } from "./1795900000000-PlacementConfirmation";
/** Committed migrations, in order. `npm run migration:generate -- facilities <Name>` adds to this list. */
export const migrations = [
  Initial1795809384198,
  PublishedAuthorizationViews1795810919868,
  AuditTrail1795811515745,
  PlacementConfirmation1795900000000,
  AuditClientClaims1796205373566,
  IdempotencyKeys1796231125815,
  AuditRequestIdIndex1796232101919,
];
