import { randomUUID } from "node:crypto";
import type { CallAs } from "@kgraph/platform";
import { CaseStatus } from "../src/modules/case/case-status";
import type { Case } from "../src/modules/case/case.entity";
import { CounselContactEvent } from "../src/modules/counsel/counsel.entity";
import { ProtectionScreening, ScreeningOutcome } from "../src/modules/screening/screening.entity";
import { placeIn, represent } from "./authorization.fixtures";
import { type CasesHarness, countStatements, createAgreement, createCase, startCasesHarness } from "./harness";
import { OVERDUE_CASES_PER_LEDGER } from "../src/modules/overdue/overdue.loaders";

/**
 * The cases subgraph's part of the task force's OverdueLedger: counsel offers (24 h) and
 * protection screenings (72 h) after arrival, owed by the MIA, judged at a fixed time, under each
 * caller's case:read rule in SQL. Every case in this file's database is made here.
 */

let h: CasesHarness;
const AS_OF = "2026-03-01T12:00:00.000Z";
const FACILITY = randomUUID();
const COUNSEL = randomUUID();

const g = {} as {
  /** Arrived 27 Feb 12:00: counsel offer 1 day overdue; screening not yet due. Placed in FACILITY. */
  c1: Case;
  /** Arrived 20 Jan: counsel contact requested within 24 h; no screening (37 days overdue). COUNSEL's client. */
  c2: Case;
  /** Arrived 1 Oct 2025: nothing (150 and 148 days overdue). Placed in FACILITY. */
  c3: Case;
  /** Arrived 10 Feb: counsel requested late (20 Feb, before asOf); screened 5 Mar (after asOf): 16 days overdue. */
  c4: Case;
  /** Arrived 5 Jan, closed 1 Feb with nothing done: owes nothing any more. */
  closed: Case;
  /** Not arrived. */
  nominated: Case;
  /** Arrived exactly 24 h before asOf: due at asOf, not past it. */
  boundary: Case;
};

async function contact(caseId: string, requestedAt: string) {
  await h.db.getRepository(CounselContactEvent).insert({
    id: randomUUID(),
    caseId,
    counselId: null,
    requestedAt: new Date(requestedAt),
    grantedAt: null,
    heldAt: null,
    deniedReason: null,
    recordedAt: new Date(requestedAt),
  });
}

async function screened(caseId: string, screenedAt: string) {
  await h.db.getRepository(ProtectionScreening).insert({
    id: randomUUID(),
    caseId,
    destinationCountry: "AF",
    outcome: ScreeningOutcome.PENDING,
    claimSummary: null,
    screenedAt: new Date(screenedAt),
    screenedById: randomUUID(),
    recordedAt: new Date(screenedAt),
  });
}

beforeAll(async () => {
  h = await startCasesHarness();
  const agreement = await createAgreement(h.db);
  const arrived = (arrivedAt: string, overrides: Partial<Case> = {}) =>
    createCase(h.db, agreement.id, {
      status: CaseStatus.ACCOMMODATED,
      openedAt: new Date("2025-09-01T09:00:00Z"),
      arrivedAt: new Date(arrivedAt),
      ...overrides,
    });
  g.c1 = await arrived("2026-02-27T12:00:00Z");
  g.c2 = await arrived("2026-01-20T09:00:00Z");
  g.c3 = await arrived("2025-10-01T09:00:00Z");
  g.c4 = await arrived("2026-02-10T09:00:00Z");
  g.closed = await arrived("2026-01-05T09:00:00Z", {
    status: CaseStatus.RETURNED,
    closedAt: new Date("2026-02-01T09:00:00Z"),
  });
  g.nominated = await createCase(h.db, agreement.id, { status: CaseStatus.NOMINATED });
  g.boundary = await arrived("2026-02-28T12:00:00Z");
  await screened(g.boundary.id, "2026-02-28T13:00:00Z");

  await contact(g.c2.id, "2026-01-20T15:00:00Z");
  await contact(g.c4.id, "2026-02-20T10:00:00Z");
  await screened(g.c4.id, "2026-03-05T10:00:00Z");
  await placeIn(h.db, g.c1.id, FACILITY);
  await placeIn(h.db, g.c3.id, FACILITY);
  await represent(h.db, g.c2.id, COUNSEL);
});
afterAll(async () => {
  await h?.stop();
});

const AGENCIES = ["MIA", "DHS", "OMBUDSPERSON", "FACILITY_OPERATOR", "CIVIL_SOCIETY"];
const ENTRY = `kind dueAt daysOverdue band case { id caseNumber }`;
const LEDGERS = `query($r: [_Any!]!, $asOf: DateTimeISO) { _entities(representations: $r) { ... on OverdueLedger {
  agency counselOffers(asOf: $asOf) { ${ENTRY} } protectionScreenings(asOf: $asOf) { ${ENTRY} } } } }`;
const ledgers = (agencies: string[]) => agencies.map((agency) => ({ __typename: "OverdueLedger", agency }));

type Ledger = { agency: string; counselOffers: Entry[]; protectionScreenings: Entry[] };
type Entry = {
  kind: string;
  dueAt: string;
  daysOverdue: number;
  band: string;
  case: { id: string; caseNumber: string };
};

async function read(as: CallAs, agencies = AGENCIES, asOf: string | null = AS_OF): Promise<Ledger[]> {
  const res = await h.gql(LEDGERS, { r: ledgers(agencies), asOf }, as);
  expect(res.errors).toBeUndefined();
  return res.data!._entities as Ledger[];
}

const entry = (kind: string, c: Case, dueAt: string, daysOverdue: number, band: string): Entry => ({
  kind,
  dueAt,
  daysOverdue,
  band,
  case: { id: c.id, caseNumber: c.caseNumber },
});
const counselOffer = (c: Case, dueAt: string, days: number, band: string) =>
  entry("COUNSEL_OFFER", c, dueAt, days, band);
const screening = (c: Case, dueAt: string, days: number, band: string) =>
  entry("PROTECTION_SCREENING", c, dueAt, days, band);

const C3_OFFER = () => counselOffer(g.c3, "2025-10-02T09:00:00.000Z", 150, "OVER_90_DAYS");
const C1_OFFER = () => counselOffer(g.c1, "2026-02-28T12:00:00.000Z", 1, "DAYS_0_TO_7");
const C3_SCREENING = () => screening(g.c3, "2025-10-04T09:00:00.000Z", 148, "OVER_90_DAYS");
const C2_SCREENING = () => screening(g.c2, "2026-01-23T09:00:00.000Z", 37, "DAYS_31_TO_90");
const C4_SCREENING = () => screening(g.c4, "2026-02-13T09:00:00.000Z", 16, "DAYS_8_TO_30");

describe("OverdueLedger.counselOffers and .protectionScreenings", () => {
  it("lists the MIA's overdue cases at asOf, longest overdue first, with days and ageing band; other agencies owe none", async () => {
    const [mia, ...others] = await read({ roles: ["mia_officer"], sub: randomUUID() });
    expect(mia).toEqual({
      agency: "MIA",
      counselOffers: [C3_OFFER(), C1_OFFER()],
      protectionScreenings: [C3_SCREENING(), C2_SCREENING(), C4_SCREENING()],
    });
    expect(others).toEqual(
      ["DHS", "OMBUDSPERSON", "FACILITY_OPERATOR", "CIVIL_SOCIETY"].map((agency) => ({
        agency,
        counselOffers: [],
        protectionScreenings: [],
      })),
    );
  });

  it("judges at now when asOf is left out: an obligation met since (late) leaves the ledger, a new one joins", async () => {
    const [mia] = await read({ roles: ["mia_officer"], sub: randomUUID() }, ["MIA"], null);
    expect(mia.counselOffers.map((e) => e.case.id)).toEqual([g.c3.id, g.c1.id, g.boundary.id]);
    expect(mia.protectionScreenings.map((e) => e.case.id)).toEqual([g.c3.id, g.c2.id, g.c1.id]);
    expect(new Set([...mia.counselOffers, ...mia.protectionScreenings].map((e) => e.band))).toEqual(
      new Set(["OVER_90_DAYS"]),
    );
  });

  it.each<[string, CallAs, () => Entry[], () => Entry[]]>([
    [
      "ombudsperson (all)",
      { roles: ["ombudsperson"], sub: randomUUID() },
      () => [C3_OFFER(), C1_OFFER()],
      () => [C3_SCREENING(), C2_SCREENING(), C4_SCREENING()],
    ],
    [
      "dhs_liaison (all)",
      { roles: ["dhs_liaison"], sub: randomUUID() },
      () => [C3_OFFER(), C1_OFFER()],
      () => [C3_SCREENING(), C2_SCREENING(), C4_SCREENING()],
    ],
    [
      "monitor (all)",
      { roles: ["monitor"], sub: randomUUID(), org_id: randomUUID() },
      () => [C3_OFFER(), C1_OFFER()],
      () => [C3_SCREENING(), C2_SCREENING(), C4_SCREENING()],
    ],
    [
      "facility_staff (own residents)",
      { roles: ["facility_staff"], sub: randomUUID(), facility_id: FACILITY },
      () => [C3_OFFER(), C1_OFFER()],
      () => [C3_SCREENING()],
    ],
    [
      "facility_staff of another facility",
      { roles: ["facility_staff"], sub: randomUUID(), facility_id: randomUUID() },
      () => [],
      () => [],
    ],
    ["legal_counsel (own clients)", { roles: ["legal_counsel"], sub: COUNSEL }, () => [], () => [C2_SCREENING()]],
  ])(
    "applies %s's case:read rule in SQL, through _entities on the MIA's ledger",
    async (_role, as, offers, screenings) => {
      const [mia] = await read(as, ["MIA"]);
      expect(mia).toEqual({ agency: "MIA", counselOffers: offers(), protectionScreenings: screenings() });
    },
  );

  it("refuses the fields to a role without case:read (FORBIDDEN), directly at the subgraph", async () => {
    const res = await h.gql(
      LEDGERS,
      { r: ledgers(["MIA"]), asOf: AS_OF },
      { roles: ["training_admin"], sub: randomUUID() },
    );
    expect(res.data!._entities).toEqual([null]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [["_entities", 0, "counselOffers"], "FORBIDDEN"],
    ]);
  });

  it("returns null for a representation naming no agency of the task force", async () => {
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on OverdueLedger { agency } } }`,
      { r: [{ __typename: "OverdueLedger", agency: "NOBODY" }] },
      { roles: ["mia_officer"], sub: randomUUID() },
    );
    expect(res.data!._entities).toEqual([null]);
  });

  it("sends the same statements for one ledger as for all five (one per field and time, no N+1)", async () => {
    const as: CallAs = { roles: ["facility_staff"], sub: randomUUID(), facility_id: FACILITY };
    const one = await countStatements(() => read(as, ["MIA"]));
    const five = await countStatements(() => read(as, AGENCIES));
    expect(five).toBe(one);
    // Both ledger fields' statements, and the one batched record check of the entries' fields.
    expect(one).toBe(3);
  });
  const COUNTS = `query($r: [_Any!]!, $asOf: DateTimeISO) { _entities(representations: $r) { ... on OverdueLedger {
    agency counselOffersCount(asOf: $asOf) protectionScreeningsCount(asOf: $asOf) } } }`;

  it.each<[string, CallAs, number, number]>([
    ["mia_officer", { roles: ["mia_officer"], sub: randomUUID() }, 2, 3],
    ["facility_staff (own residents)", { roles: ["facility_staff"], sub: randomUUID(), facility_id: FACILITY }, 2, 1],
    [
      "facility_staff of another facility",
      { roles: ["facility_staff"], sub: randomUUID(), facility_id: randomUUID() },
      0,
      0,
    ],
    ["legal_counsel (own clients)", { roles: ["legal_counsel"], sub: COUNSEL }, 0, 1],
  ])(
    "counts %s's overdue cases under the same rule as the lists; other agencies owe none",
    async (_role, as, offers, screenings) => {
      const res = await h.gql(COUNTS, { r: ledgers(AGENCIES), asOf: AS_OF }, as);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual(
        AGENCIES.map((agency) =>
          agency === "MIA"
            ? { agency, counselOffersCount: offers, protectionScreeningsCount: screenings }
            : { agency, counselOffersCount: 0, protectionScreeningsCount: 0 },
        ),
      );
    },
  );

  it("answers a time whose deadline window reaches past year 1 as the caller's error, not an internal one (probe 4, L1)", async () => {
    // 0001-01-01 less the 24-hour counsel deadline is year 0, which PostgreSQL has not.
    const res = await h.gql(
      COUNTS,
      { r: ledgers(["MIA"]), asOf: "0001-01-01T00:00:00Z" },
      { roles: ["mia_officer"], sub: randomUUID() },
    );
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(["BAD_USER_INPUT"]));
  });

  // Last in this file: it adds cases the lists above do not expect.
  it("counts every overdue case where the list stops at its bound", async () => {
    const agreement = await createAgreement(h.db);
    for (let i = 0; i < OVERDUE_CASES_PER_LEDGER + 5; i++) {
      await createCase(h.db, agreement.id, {
        status: CaseStatus.ACCOMMODATED,
        openedAt: new Date("2025-09-01T09:00:00Z"),
        arrivedAt: new Date("2025-12-01T09:00:00Z"),
      });
    }
    const res = await h.gql(
      `query($r: [_Any!]!, $asOf: DateTimeISO) { _entities(representations: $r) { ... on OverdueLedger {
        counselOffersCount(asOf: $asOf) counselOffers(asOf: $asOf) { case { id } } } } }`,
      { r: ledgers(["MIA"]), asOf: AS_OF },
      { roles: ["mia_officer"], sub: randomUUID() },
    );
    const [mia] = res.data!._entities as { counselOffersCount: number; counselOffers: unknown[] }[];
    expect(mia.counselOffersCount).toBe(2 + OVERDUE_CASES_PER_LEDGER + 5);
    expect(mia.counselOffers).toHaveLength(OVERDUE_CASES_PER_LEDGER);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [["_entities", 0, "counselOffers"], "LIST_TRUNCATED"],
    ]);
  });
});
