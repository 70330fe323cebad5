import { randomUUID } from "node:crypto";
import { createLogger, createTestDatabase, graphqlRequest, migrate } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { createCasesDataSource, definition } from "../src";
import { Agreement, AgreementStatus } from "../src/modules/agreement/agreement.entity";

export const TEST_SUBJECT_REF_KEY = "test-subject-ref-key-not-secret";

export interface CasesHarness {
  url: string;
  db: DataSource;
  gql: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => ReturnType<typeof graphqlRequest<T>>;
  stop(): Promise<void>;
}

/** A fresh database, migrated, and the cases subgraph serving it over real HTTP on a free port. */
export async function startCasesHarness(): Promise<CasesHarness> {
  const database = await createTestDatabase();
  const db = createCasesDataSource(database.url);
  await db.initialize();
  await migrate(db);
  const server = await definition.start({
    databaseUrl: database.url,
    subjectRefKey: TEST_SUBJECT_REF_KEY,
    port: 0,
    logger: createLogger("cases", "silent"),
  });
  return {
    url: server.url,
    db,
    gql: (query, variables) => graphqlRequest(server.url, query, variables),
    async stop() {
      await server.stop();
      await db.destroy();
      await database.drop();
    },
  };
}

/** Factory: an agreement with unique values; caps as given. */
export async function createAgreement(
  db: DataSource,
  overrides: Partial<Agreement> = {},
): Promise<Agreement> {
  const agreement = db.getRepository(Agreement).create({
    id: randomUUID(),
    title: `Test agreement ${randomUUID().slice(0, 8)}`,
    parties: ["United States", "Kosovo"],
    termStart: "2026-01-01",
    termEnd: "2027-12-31",
    monthlyCap: 150,
    totalCap: null,
    status: AgreementStatus.ACTIVE,
    ...overrides,
  });
  await db.getRepository(Agreement).insert(agreement);
  return agreement;
}

export const NOMINATE = /* GraphQL */ `
  mutation Nominate($input: NominateCaseInput!) {
    nominateCase(input: $input) { id caseNumber status nationality ageBand openedAt subjectRef agreement { id } }
  }
`;

export function nominationInput(agreementId: string, overrides: Record<string, unknown> = {}) {
  return {
    agreementId,
    nationality: "AF",
    ageBand: "AGE_26_35",
    person: {
      givenNames: "Test",
      familyName: `Person-${randomUUID().slice(0, 6)}`,
      dateOfBirth: "1990-04-01",
      sex: "M",
      languages: ["ps", "en"],
      identityDocuments: [{ type: "PASSPORT", number: "P1234567", issuingCountry: "AF" }],
    },
    ...overrides,
  };
}
