import { Initial1796280961525 } from "./1796280961525-Initial";
/** Committed migrations, in order. `npm run migration:generate -- oversight <Name>` adds to this list. */
export const migrations = [Initial1796280961525];
