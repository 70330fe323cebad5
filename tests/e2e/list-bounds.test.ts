import fs from "node:fs";
import path from "node:path";
import { Kind, parse } from "graphql";
import { Client } from "pg";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * The stated maximums (`@listSize(assumedSize:)`) against the seeded programme (the size
 * `npm start` seeds): no seeded list reaches its maximum, and the lists that grow over time stay
 * well below it. Then a list over its maximum, through the gateway: cut, and reported.
 */
const SUPERGRAPH = path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql");

function statedMaximums(): Map<string, number> {
  const maximums = new Map<string, number>();
  for (const def of parse(fs.readFileSync(SUPERGRAPH, "utf8")).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      const size = field.directives?.find((d) => d.name.value === "listSize");
      const assumed = size?.arguments?.find((a) => a.name.value === "assumedSize")?.value;
      if (assumed?.kind === Kind.INT) maximums.set(`${def.name.value}.${field.name.value}`, Number(assumed.value));
    }
  }
  return maximums;
}

const perParent = (table: string, parent: string, where = "true") =>
  `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT ${parent}, count(*) AS n FROM ${table} WHERE ${where} GROUP BY ${parent}) x`;
const all = (table: string) => `SELECT count(*)::int AS n FROM ${table}`;

/** The longest seeded list of each bounded object list, and whether it grows without bound over time. */
const SEEDED: [field: string, sql: string, grows: boolean][] = [
  ["Query.agreements", all("cases.agreement"), false],
  ["Query.facilities", all("facilities.facility"), false],
  ["Query.monitoringBodies", all("monitoring.monitoring_body"), false],
  ["Query.courses", all("training.course"), false],
  ["Query.courseRequirements", all("training.course_requirement"), false],
  ["OfficialCompliance.required", perParent("training.course_requirement", "job_role"), false],
  ["Case.representationHistory", perParent("cases.legal_representation", "case_id"), false],
  ["Case.counselContacts", perParent("cases.counsel_contact", "case_id"), true],
  ["Case.privilegedNotes", perParent("cases.privileged_note", "case_id"), true],
  ["Case.reviews", perParent("cases.case_review", "case_id"), false],
  ["Case.screenings", perParent("cases.protection_screening", "case_id"), false],
  ["Case.vulnerabilityFlags", perParent("cases.vulnerability_flag", "case_id"), false],
  ["Case.placements", perParent("facilities.placement", "case_id"), false],
  ["Transfer.cases", perParent("cases.transfer_case", "transfer_id"), false],
  [
    "Facility.openRecommendations",
    perParent("monitoring.recommendation", "facility_id", "status IN ('OPEN', 'OVERDUE')"),
    true,
  ],
  ["MonitoringVisit.findings", perParent("monitoring.finding", "visit_id"), false],
  ["Finding.recommendations", perParent("monitoring.recommendation", "finding_id"), false],
  ["Complaint.escalations", perParent("monitoring.complaint_escalation", "complaint_id"), false],
  ["TrainingSession.attendances", perParent("training.attendance", "session_id"), false],
  ["Official.attendances", perParent("training.attendance", "official_id"), true],
  ["Official.certifications", perParent("training.certification", "official_id"), true],
];

let platform: Platform;
let db: Client;
beforeAll(async () => {
  platform = await startPlatform({ seed: (url) => runSeed(url, { progress: () => undefined }) });
  db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
}, 180_000);
afterAll(async () => {
  await db?.end();
  await platform?.stop();
});

it.each(SEEDED)("keeps the seeded %s within its stated maximum", async (field, sql, grows) => {
  const max = statedMaximums().get(field);
  expect(max).toBeDefined();
  const { rows } = await db.query<{ n: number }>(sql);
  const longest = rows[0].n;
  // A list that grows over time has room to grow: the seed is at most a third of its maximum.
  expect({ field, longest, within: grows ? longest * 3 <= max! : longest <= max! }).toEqual({
    field,
    longest,
    within: true,
  });
});

it("sends a list over its maximum cut to its first items, with LIST_TRUNCATED at its path", async () => {
  const max = statedMaximums().get("Query.facilities")!;
  const { rows } = await db.query<{ n: number }>(all("facilities.facility"));
  for (let i = rows[0].n; i <= max; i++) {
    await db.query(
      `INSERT INTO facilities.facility (id, name, type, municipality, official_capacity, status)
       VALUES (gen_random_uuid(), $1, 'SHELTER', 'Prishtinë', 20, 'OPERATIONAL')`,
      [`Zz Added Shelter ${String(i).padStart(3, "0")}`],
    );
  }
  const names = (await db.query<{ name: string }>(`SELECT name FROM facilities.facility ORDER BY name`)).rows;
  expect(names.length).toBe(max + 1);
  const res = await platform.gql<{ facilities: { name: string }[] }>(`{ facilities { name } }`, {}, "mia_officer");
  expect(res.data?.facilities.map((f) => f.name)).toEqual(names.slice(0, max).map((row) => row.name));
  expect(res.errors).toEqual([
    expect.objectContaining({ path: ["facilities"], extensions: expect.objectContaining({ code: "LIST_TRUNCATED" }) }),
  ]);
});
