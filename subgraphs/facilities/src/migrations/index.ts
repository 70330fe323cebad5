/** Committed migrations, in order. `npm run migration:generate -- facilities <Name>` adds to this list. */
export const migrations = [];
