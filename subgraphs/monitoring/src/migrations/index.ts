/** Committed migrations, in order. `npm run migration:generate -- monitoring <Name>` adds to this list. */
export const migrations = [];
