import { recordStatements, rowsReturned } from "@kgraph/platform";
import { CERTIFICATIONS_PER_OFFICIAL } from "../src/modules/certification/certification.loaders";
import { JobRole } from "../src/modules/official/job-role";
import {
  DAY,
  type TrainingHarness,
  certify,
  createCourseRow,
  createOfficialRow,
  requireRow,
  startTrainingHarness,
} from "./harness";

/**
 * `Official.certifications` over its maximum: the latest CERTIFICATIONS_PER_OFFICIAL with
 * LIST_TRUNCATED and at most max + 1 rows read; compliance still sees an old certificate that
 * lasts, which the cut list leaves out.
 */
let h: TrainingHarness;
beforeAll(async () => {
  h = await startTrainingHarness();
});
afterAll(async () => {
  await h?.stop();
});

it("cuts Official.certifications at its maximum from max + 1 rows, and judges compliance on every course", async () => {
  const yearly = await createCourseRow(h.db, { validityMonths: 24 });
  const lasting = await createCourseRow(h.db, { validityMonths: 240 });
  await requireRow(h.db, JobRole.MEDICAL_STAFF, yearly.id);
  await requireRow(h.db, JobRole.MEDICAL_STAFF, lasting.id);
  const official = await createOfficialRow(h.db, { jobRole: JobRole.MEDICAL_STAFF });
  // The lasting course's certificate is older than every other one: far past the cut.
  await certify(h.db, official, lasting, new Date(Date.now() - 900 * DAY));
  const extra = 10;
  await h.db.query(
    `INSERT INTO training.certification (id, official_id, course_id, attendance_id, issued_at, expires_at)
     SELECT gen_random_uuid(), $1, $2, gen_random_uuid(), now() - n * interval '1 day', now() + interval '1 year' - n * interval '1 day'
       FROM generate_series(1, $3::int) AS n`,
    [official.id, yearly.id, CERTIFICATIONS_PER_OFFICIAL + extra],
  );
  const latest = (await h.db.query(
    `SELECT id FROM training.certification WHERE official_id = $1 ORDER BY issued_at DESC, id LIMIT $2`,
    [official.id, CERTIFICATIONS_PER_OFFICIAL],
  )) as { id: string }[];

  let res: { data?: any; errors?: any[] } | undefined;
  const statements = await recordStatements(async () => {
    res = await h.gql(
      `query($id: ID!) { official(id: $id) { certifications { id } compliance { compliant missing { code } } } }`,
      { id: official.id },
    );
  });
  expect(res!.data!.official).toEqual({ certifications: latest, compliance: { compliant: true, missing: [] } });
  expect(res!.errors).toEqual([
    expect.objectContaining({
      path: ["official", "certifications"],
      extensions: { code: "LIST_TRUNCATED", max: CERTIFICATIONS_PER_OFFICIAL },
    }),
  ]);
  const reads = statements.filter((s) => s.query.includes('PARTITION BY "cert"."official_id"'));
  expect(reads).toHaveLength(1);
  expect(await rowsReturned(h.db, reads[0])).toBe(CERTIFICATIONS_PER_OFFICIAL + 1);
  // Compliance read one certificate per course, not the history.
  const judged = statements.filter((s) => s.query.includes("DISTINCT ON"));
  expect(judged).toHaveLength(1);
  expect(await rowsReturned(h.db, judged[0])).toBe(2);
});
