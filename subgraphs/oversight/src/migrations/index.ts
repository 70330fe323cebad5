import { AssessmentsAndReports1796292852419 } from "./1796292852419-AssessmentsAndReports";
import { Initial1796280961525 } from "./1796280961525-Initial";
/** Committed migrations, in order. `npm run migration:generate -- oversight <Name>` adds to this list. */
export const migrations = [Initial1796280961525, AssessmentsAndReports1796292852419];
