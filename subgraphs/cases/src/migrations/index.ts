import { Initial1795809542647 } from "./1795809542647-Initial";
/** Committed migrations, in order. `npm run migration:generate -- cases <Name>` adds to this list. */
export const migrations = [Initial1795809542647];
