import { type Logger, createDataSource } from "@kgraph/platform";
import { Agreement } from "./modules/agreement/agreement.entity";
import { Case } from "./modules/case/case.entity";
import { Person } from "./modules/person/person.entity";
import { migrations } from "./migrations";

export const CASES_SCHEMA = "cases";
const casesEntities = [Agreement, Case, Person];

export function createCasesDataSource(url: string, logger?: Logger) {
  return createDataSource({ url, schema: CASES_SCHEMA, entities: casesEntities, migrations, logger });
}
