import { IdempotencyKeys1796231131664 } from "./1796231131664-IdempotencyKeys";
import { AuditRequestIdIndex1796232111655 } from "./1796232111655-AuditRequestIdIndex";
import { AuditClientClaims1796205381950 } from "./1796205381950-AuditClientClaims";
import { AuditTrail1795812120765 } from "./1795812120765-AuditTrail";
import { ComplaintFiledBy1795811077297 } from "./1795811077297-ComplaintFiledBy";
import { Initial1795809476225 } from "./1795809476225-Initial";
/** Committed migrations, in order. `npm run migration:generate -- monitoring <Name>` adds to this list. */
export const migrations = [
  Initial1795809476225,
  ComplaintFiledBy1795811077297,
  AuditTrail1795812120765,
  AuditClientClaims1796205381950,
  IdempotencyKeys1796231131664,
  AuditRequestIdIndex1796232111655,
];
