import { randomUUID } from "node:crypto";
import { type SubgraphHarness, startSubgraphHarness, sqlStatements, unique } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { definition } from "../src";
import { Agreement, AgreementStatus } from "../src/modules/agreement/agreement.entity";
import { AgeBand, Case } from "../src/modules/case/case.entity";
import { CaseStatus } from "../src/modules/case/case-status";
import { Person } from "../src/modules/person/person.entity";

export { TEST_SUBJECT_REF_KEY } from "@kgraph/platform";

export type CasesHarness = SubgraphHarness;

/** A fresh database, migrated, and the cases subgraph serving it over real HTTP on a free port. */
export const startCasesHarness = (): Promise<CasesHarness> => startSubgraphHarness(definition);

/** Factory: an agreement with unique values; caps as given. */
export async function createAgreement(db: DataSource, overrides: Partial<Agreement> = {}): Promise<Agreement> {
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
    nominateCase(input: $input) {
      id
      caseNumber
      status
      nationality
      ageBand
      openedAt
      subjectRef
      agreement {
        id
      }
    }
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

const ARRIVED_STATUSES = new Set<string>([
  CaseStatus.RECEIVED,
  CaseStatus.ACCOMMODATED,
  CaseStatus.ONWARD_RETURN_PLANNED,
  CaseStatus.RETURNED,
  CaseStatus.TRANSFERRED,
  CaseStatus.ABSCONDED,
]);

/**
 * Factory: a case (with its person) written straight to the database in the state a test needs.
 * Opened on 5 January 2026 unless told otherwise; a status past arrival gets an arrival ten days
 * after opening, and a final status a closing time.
 */
export async function createCase(db: DataSource, agreementId: string, overrides: Partial<Case> = {}): Promise<Case> {
  const status = overrides.status ?? CaseStatus.NOMINATED;
  const openedAt = overrides.openedAt ?? new Date("2026-01-05T09:00:00Z");
  const arrivedAt =
    overrides.arrivedAt !== undefined
      ? overrides.arrivedAt
      : ARRIVED_STATUSES.has(status)
        ? new Date(openedAt.getTime() + 10 * 86_400_000)
        : null;
  const created = db.getRepository(Case).create({
    id: randomUUID(),
    caseNumber: unique("T"),
    status,
    agreementId,
    nationality: "AF",
    ageBand: AgeBand.AGE_26_35,
    openedAt,
    arrivedAt,
    closedAt: null,
    statusReason: null,
    transferId: null,
    assignedOfficerId: null,
    ...overrides,
  });
  await db.getRepository(Case).insert(created);
  await db.getRepository(Person).insert({
    caseId: created.id,
    givenNames: "Test",
    familyName: unique("Person"),
    dateOfBirth: "1990-04-01",
    sex: "M",
    languages: ["ps"],
    identityDocuments: [],
  });
  return created;
}

/** How many SQL statements this process sent while `run` ran (the subgraph serves in-process). */
export async function countStatements(run: () => Promise<unknown>): Promise<number> {
  const before = sqlStatements.count;
  await run();
  return sqlStatements.count - before;
}

/** Rows in a table of the cases schema, to show a failed mutation wrote nothing. */
export async function countRows(db: DataSource, table: string): Promise<number> {
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM cases."${table}"`)) as { n: number }[];
  return n;
}

/** An `_entities` query for Case references, selecting `selection` on each. */
export function caseEntities(selection: string): string {
  return `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id ${selection} } } }`;
}
