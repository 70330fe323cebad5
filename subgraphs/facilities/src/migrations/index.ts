import { Initial1795809384198 } from "./1795809384198-Initial";
/** Committed migrations, in order. `npm run migration:generate -- facilities <Name>` adds to this list. */
export const migrations = [Initial1795809384198];
