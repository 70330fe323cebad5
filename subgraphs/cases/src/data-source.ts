import { AuditEvent, IdempotencyKey, type Logger, createDataSource } from "@kgraph/platform";
import { Agreement } from "./modules/agreement/agreement.entity";
import { Case } from "./modules/case/case.entity";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "./modules/counsel/counsel.entity";
import { Person } from "./modules/person/person.entity";
import { CaseReview } from "./modules/review/review.entity";
import { ProtectionScreening } from "./modules/screening/screening.entity";
import { Transfer, TransferCase } from "./modules/transfer/transfer.entity";
import { VulnerabilityFlag } from "./modules/vulnerability/vulnerability.entity";
import { migrations } from "./migrations";

export const CASES_SCHEMA = "cases";
const casesEntities = [
  Agreement,
  Case,
  Person,
  Transfer,
  TransferCase,
  VulnerabilityFlag,
  LegalRepresentation,
  CounselContactEvent,
  PrivilegedNote,
  ProtectionScreening,
  CaseReview,
  AuditEvent,
  IdempotencyKey,
];

export function createCasesDataSource(url: string, logger?: Logger, statementTimeoutMs?: number) {
  return createDataSource({
    url,
    schema: CASES_SCHEMA,
    entities: casesEntities,
    migrations,
    logger,
    statementTimeoutMs,
  });
}
