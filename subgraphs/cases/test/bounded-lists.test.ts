import { randomUUID } from "node:crypto";
import { recordStatements, rowsReturned } from "@kgraph/platform";
import { CaseStatus } from "../src/modules/case/case-status";
import { PRIVILEGED_NOTES_PER_CASE } from "../src/modules/counsel/counsel.loaders";
import { ProtectionScreening, ScreeningOutcome } from "../src/modules/screening/screening.entity";
import { SCREENINGS_PER_CASE } from "../src/modules/screening/screening.loaders";
import { type CasesHarness, caseEntities, createAgreement, createCase, startCasesHarness } from "./harness";

/**
 * A bounded list over its maximum: the first `max` items with LIST_TRUNCATED, and the database
 * sends at most `max + 1` rows of the parent (enough to see the cut), not the whole history.
 */
let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function accommodatedCase() {
  const agreement = await createAgreement(h.db);
  return createCase(h.db, agreement.id, { status: CaseStatus.ACCOMMODATED });
}

/** `count` screenings of a case, a day apart from 1 February 2026 (oldest first). */
async function screenings(caseId: string, count: number): Promise<ProtectionScreening[]> {
  const rows = Array.from({ length: count }, (_, i) =>
    h.db.getRepository(ProtectionScreening).create({
      id: randomUUID(),
      caseId,
      destinationCountry: "AF",
      outcome: ScreeningOutcome.NO_RISK_IDENTIFIED,
      claimSummary: null,
      screenedAt: new Date(Date.UTC(2026, 1, 1 + i, 10)),
      screenedById: randomUUID(),
      recordedAt: new Date(),
    }),
  );
  // Stored newest first, so the order returned is the query's.
  await h.db.getRepository(ProtectionScreening).insert([...rows].reverse());
  return rows;
}

it("Case.screenings: the oldest SCREENINGS_PER_CASE of a long list, LIST_TRUNCATED, and max + 1 rows read", async () => {
  const long = await accommodatedCase();
  const short = await accommodatedCase();
  const longRows = await screenings(long.id, SCREENINGS_PER_CASE + 15);
  const shortRows = await screenings(short.id, 3);
  let res: { data?: any; errors?: any[] } | undefined;
  const statements = await recordStatements(async () => {
    res = await h.gql(caseEntities("screenings { id }"), {
      r: [
        { __typename: "Case", id: long.id },
        { __typename: "Case", id: short.id },
      ],
    });
  });
  expect(res!.data!._entities).toEqual([
    { id: long.id, screenings: longRows.slice(0, SCREENINGS_PER_CASE).map((s) => ({ id: s.id })) },
    { id: short.id, screenings: shortRows.map((s) => ({ id: s.id })) },
  ]);
  expect(res!.errors).toEqual([
    expect.objectContaining({
      path: ["_entities", 0, "screenings"],
      extensions: { code: "LIST_TRUNCATED", max: SCREENINGS_PER_CASE },
    }),
  ]);
  // One statement for both cases, and it returned max + 1 rows of the long one and all 3 of the short one.
  const reads = statements.filter((s) => s.query.includes("protection_screening"));
  expect(reads).toHaveLength(1);
  expect(await rowsReturned(h.db, reads[0])).toBe(SCREENINGS_PER_CASE + 1 + 3);
});

it("Case.privilegedNotes (plain SQL): the oldest PRIVILEGED_NOTES_PER_CASE, LIST_TRUNCATED, and max + 1 rows read", async () => {
  const c = await accommodatedCase();
  const extra = 40;
  await h.db.query(
    `INSERT INTO cases.privileged_note (id, case_id, counsel_id, created_at, text)
     SELECT gen_random_uuid(), $1, gen_random_uuid(), timestamptz '2026-02-01' + n * interval '1 minute', 'note ' || n
       FROM generate_series(1, $2::int) AS n`,
    [c.id, PRIVILEGED_NOTES_PER_CASE + extra],
  );
  const oldest = (await h.db.query(
    `SELECT id FROM cases.privileged_note WHERE case_id = $1 ORDER BY created_at, id LIMIT $2`,
    [c.id, PRIVILEGED_NOTES_PER_CASE],
  )) as { id: string }[];
  let res: { data?: any; errors?: any[] } | undefined;
  const statements = await recordStatements(async () => {
    res = await h.gql(`query($id: ID!) { case(id: $id) { privilegedNotes { id } } }`, { id: c.id });
  });
  expect(res!.data!.case.privilegedNotes).toEqual(oldest);
  expect(res!.errors).toEqual([
    expect.objectContaining({
      path: ["case", "privilegedNotes"],
      extensions: { code: "LIST_TRUNCATED", max: PRIVILEGED_NOTES_PER_CASE },
    }),
  ]);
  const reads = statements.filter((s) => s.query.includes("privileged_note"));
  expect(reads).toHaveLength(1);
  expect(await rowsReturned(h.db, reads[0])).toBe(PRIVILEGED_NOTES_PER_CASE + 1);
});
