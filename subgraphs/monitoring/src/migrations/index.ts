import { Initial1795809476225 } from "./1795809476225-Initial";
/** Committed migrations, in order. `npm run migration:generate -- monitoring <Name>` adds to this list. */
export const migrations = [Initial1795809476225];
