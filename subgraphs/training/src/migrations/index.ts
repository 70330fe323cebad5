/** Committed migrations, in order. `npm run migration:generate -- training <Name>` adds to this list. */
export const migrations = [];
