import { FacilityConditionsDocument, createClient } from "@kgraph/client";
import { walkthrough } from "../../packages/client/examples/walkthrough";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * The generated client and trusted documents, against a gateway configured as in production:
 * public callers may run only the trusted documents in the manifest.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: 200, progress: () => undefined }),
    trustedOnly: true,
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const post = async (body: unknown, authorization?: string) => {
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};

it("runs the example program: public pages by trusted document, then an officer's dashboard and case file", async () => {
  const token = ((await platform.auth.authorization("mia_officer")) as string).replace(/^Bearer /, "");
  const result = await walkthrough(platform.gatewayUrl, token);
  expect(result.facilities).toHaveLength(6);
  // The public reads occupancy as a band (every seeded facility has 40 places or more).
  for (const f of result.facilities) {
    expect(f.occupancyBand).toMatch(
      /^(UNDER_HALF|HALF_TO_THREE_QUARTERS|THREE_QUARTERS_TO_NINETY|NINETY_TO_FULL|OVER_CAPACITY)$/,
    );
  }
  expect(result.receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
  expect(result.complaintStatus).toBe("RECEIVED");
  expect(result.dashboard).toHaveLength(5);
  for (const row of result.dashboard!) {
    expect(row.caseNumber).toMatch(/^RKS-\d{4}-\d{6}$/);
    expect(typeof row.familyName).toBe("string");
  }
  expect(result.caseFile?.caseNumber).toBe(result.dashboard![0].caseNumber);
});

it("refuses an arbitrary operation from a public caller, naming the way out", async () => {
  const res = await post({ query: "{ agreements { title } }" });
  expect(res.status).toBe(200);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors[0]).toMatchObject({
    message:
      "Without a token this graph runs only trusted documents: send the document's id (`documentId`), or sign in.",
    extensions: { code: "TRUSTED_DOCUMENTS_ONLY" },
  });
});

it("runs a trusted document by id for a public caller, and says so for an unknown id", async () => {
  const hash = (FacilityConditionsDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
  const ok = await post({ documentId: hash });
  expect(ok.status).toBe(200);
  expect(ok.body.data.facilities).toHaveLength(6);
  const unknown = await post({ documentId: "sha256:" + "0".repeat(64) });
  expect(unknown.body.errors[0]).toMatchObject({
    message: "No trusted document has this id. Regenerate the client (`npm run schema`) and deploy its manifest.",
    extensions: { code: "TRUSTED_DOCUMENT_NOT_FOUND" },
  });
});

it("still accepts any operation from a signed-in caller", async () => {
  const res = await post({ query: "{ agreements { title } }" }, await platform.auth.authorization("auditor"));
  expect(res.status).toBe(200);
  expect(res.body.data.agreements.length).toBe(1);
});

it("sends the text instead of the hash when asked (development, or a gateway without the manifest)", async () => {
  const client = createClient({ url: platform.gatewayUrl, trustedDocuments: false, token: "x" });
  await expect(client.execute(FacilityConditionsDocument)).rejects.toThrow("Not signed in: invalid token");
});
