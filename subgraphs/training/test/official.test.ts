import { randomUUID } from "node:crypto";
import { unique } from "@kgraph/platform";
import { UNKNOWN_ID, type TrainingHarness, createOfficialRow, startTrainingHarness, tableCounts } from "./harness";

let h: TrainingHarness;
beforeAll(async () => {
  h = await startTrainingHarness();
});
afterAll(async () => {
  await h?.stop();
});

const REGISTER = `mutation($input: RegisterOfficialInput!) {
  registerOfficial(input: $input) { id givenNames familyName name agency jobRole active registeredAt facility { id } }
}`;
const UPDATE = `mutation($input: UpdateOfficialInput!) {
  updateOfficial(input: $input) { id givenNames familyName name agency jobRole active facility { id } }
}`;

describe("registerOfficial", () => {
  it("registers an active official with a display name and a facility", async () => {
    const facilityId = randomUUID();
    const familyName = unique("Krasniqi");
    const res = await h.gql(REGISTER, {
      input: { givenNames: "Arta", familyName, agency: "FACILITY_OPERATOR", jobRole: "FACILITY_STAFF", facilityId },
    });
    expect(res.errors).toBeUndefined();
    const created = res.data!.registerOfficial;
    expect(created).toMatchObject({
      givenNames: "Arta",
      familyName,
      name: `Arta ${familyName}`,
      agency: "FACILITY_OPERATOR",
      jobRole: "FACILITY_STAFF",
      active: true,
      facility: { id: facilityId },
    });
    const read = await h.gql(`query($id: ID!) { official(id: $id) { id name facility { id } } }`, { id: created.id });
    expect(read.data!.official).toEqual({ id: created.id, name: `Arta ${familyName}`, facility: { id: facilityId } });
  });

  it("registers an official who works at no facility", async () => {
    const res = await h.gql(REGISTER, {
      input: { givenNames: "Besnik", familyName: unique("Gashi"), agency: "MIA", jobRole: "CASE_OFFICER" },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerOfficial.facility).toBeNull();
  });

  it("rejects invalid input naming every wrong field, and writes nothing", async () => {
    const before = await tableCounts(h.db);
    const res = await h.gql(REGISTER, {
      input: {
        givenNames: "",
        familyName: "x".repeat(201),
        agency: "MIA",
        jobRole: "CASE_OFFICER",
        facilityId: "facility-7",
      },
    });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toBe("Invalid input: input.facilityId must be an id (a UUID).");
    const names = await h.gql(REGISTER, {
      input: { givenNames: "", familyName: "x".repeat(201), agency: "MIA", jobRole: "CASE_OFFICER" },
    });
    expect(names.errors?.[0].message).toBe(
      "Invalid input: givenNames must be 1 to 200 characters; familyName must be 1 to 200 characters.",
    );
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it("rejects an unknown job role before anything runs", async () => {
    const res = await h.gql(REGISTER, {
      input: { givenNames: "A", familyName: "B", agency: "MIA", jobRole: "ASTRONAUT" },
    });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toContain('Value "ASTRONAUT" does not exist in "JobRole" enum');
  });
});

describe("updateOfficial", () => {
  it("changes only the fields given, and null clears the facility", async () => {
    const official = await createOfficialRow(h.db, { facilityId: randomUUID(), givenNames: "Drita" });
    const moved = await h.gql(UPDATE, { input: { officialId: official.id, jobRole: "FACILITY_MANAGER" } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateOfficial).toMatchObject({
      givenNames: "Drita",
      familyName: official.familyName,
      jobRole: "FACILITY_MANAGER",
      agency: official.agency,
      facility: { id: official.facilityId },
      active: true,
    });
    const cleared = await h.gql(UPDATE, { input: { officialId: official.id, facilityId: null, active: false } });
    expect(cleared.data!.updateOfficial).toMatchObject({ facility: null, active: false, jobRole: "FACILITY_MANAGER" });
    const [row] = await h.db.query(`SELECT facility_id, active, job_role FROM training.official WHERE id = $1`, [
      official.id,
    ]);
    expect(row).toEqual({ facility_id: null, active: false, job_role: "FACILITY_MANAGER" });
  });

  it("answers NOT_FOUND for an unknown official", async () => {
    const res = await h.gql(UPDATE, { input: { officialId: UNKNOWN_ID, active: false } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Official ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });

  it("rejects invalid changes and leaves the official as it was", async () => {
    const official = await createOfficialRow(h.db);
    const res = await h.gql(UPDATE, { input: { officialId: official.id, givenNames: "", familyName: "Changed" } });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: givenNames must be 1 to 200 characters.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const [row] = await h.db.query(`SELECT family_name FROM training.official WHERE id = $1`, [official.id]);
    expect(row.family_name).toBe(official.familyName);
  });
});

describe("officials connection", () => {
  it("pages by name without gaps or repeats, within a filter", async () => {
    const facilityId = randomUUID();
    const family = unique("Berisha");
    // Same family name for some, so the given names and then the id break the ties.
    const made = [
      await createOfficialRow(h.db, { facilityId, familyName: `${family}-b`, givenNames: "Ilir" }),
      await createOfficialRow(h.db, { facilityId, familyName: `${family}-a`, givenNames: "Vjosa" }),
      await createOfficialRow(h.db, { facilityId, familyName: `${family}-a`, givenNames: "Agron" }),
      await createOfficialRow(h.db, { facilityId, familyName: `${family}-c`, givenNames: "Mimoza" }),
      await createOfficialRow(h.db, { facilityId, familyName: `${family}-a`, givenNames: "Agron" }),
    ];
    await createOfficialRow(h.db, { facilityId: randomUUID(), familyName: `${family}-a` });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await h.gql(
        `query($after: String, $f: ID) { officials(first: 2, after: $after, filter: { facilityId: $f }) {
          edges { node { id familyName givenNames } cursor } pageInfo { hasNextPage endCursor } } }`,
        { after, f: facilityId },
      );
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.officials.edges.map((e: any) => e.node.id));
      pages += 1;
      if (!res.data.officials.pageInfo.hasNextPage) break;
      after = res.data.officials.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    const agrons = [made[2], made[4]].map((o) => o.id).sort();
    expect(seen).toEqual([...agrons, made[1].id, made[0].id, made[3].id]);
  });

  it("filters by agency, job role and active", async () => {
    const facilityId = randomUUID();
    const nurse = await createOfficialRow(h.db, {
      facilityId,
      agency: "HEALTH" as never,
      jobRole: "MEDICAL_STAFF" as never,
    });
    await createOfficialRow(h.db, {
      facilityId,
      agency: "HEALTH" as never,
      jobRole: "MEDICAL_STAFF" as never,
      active: false,
    });
    await createOfficialRow(h.db, { facilityId, jobRole: "FACILITY_STAFF" as never });
    const res = await h.gql(
      `query($f: ID) { officials(first: 10, filter: { facilityId: $f, agency: HEALTH, jobRole: MEDICAL_STAFF, active: true }) { edges { node { id } } } }`,
      { f: facilityId },
    );
    expect(res.data!.officials.edges).toEqual([{ node: { id: nurse.id } }]);
  });

  it("rejects a page size out of range and a forged cursor", async () => {
    const big = await h.gql(`{ officials(first: 501) { edges { cursor } } }`);
    expect(big.errors?.[0]).toMatchObject({
      message: "`first` must be between 1 and 500; got 501.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = Buffer.from(JSON.stringify(["not names", "not-an-id"])).toString("base64url");
    const res = await h.gql(`query($a: String) { officials(first: 5, after: $a) { edges { cursor } } }`, { a: forged });
    expect(res.errors?.[0]).toMatchObject({
      message: "The cursor given in `after` is not one this API issued.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("_entities", () => {
  it("resolves Official references through the same loader, null for unknown or malformed ids", async () => {
    const official = await createOfficialRow(h.db, { givenNames: "Teuta" });
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Official { id name jobRole active } } }`,
      {
        r: [
          { __typename: "Official", id: official.id },
          { __typename: "Official", id: UNKNOWN_ID },
          { __typename: "Official", id: "not-a-uuid" },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: official.id, name: `Teuta ${official.familyName}`, jobRole: "FACILITY_STAFF", active: true },
      null,
      null,
    ]);
  });

  it("answers null for official(id) with an unknown id", async () => {
    const res = await h.gql(`{ official(id: "${UNKNOWN_ID}") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.official).toBeNull();
  });
});
