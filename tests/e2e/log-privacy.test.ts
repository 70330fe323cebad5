import { randomUUID } from "node:crypto";
import { runSeed } from "../../tools/src/seed/run";
import { type CollectedLogs, type Platform, startPlatform } from "../support/platform";

/**
 * No log line, at any level, carries a bearer token or personal data: the platform at its most
 * talkative (LOG_LEVEL=debug for the gateway and every subgraph) is given traffic that puts
 * tokens in headers, names in answers and a complainant's name, contact and words in variables,
 * plus refused tokens and failing requests; then every line it wrote is searched for each of them.
 * At debug the gateway runtime logged every subgraph request's Authorization header and every
 * answer (the names of the people in it) until its level was capped at info.
 */
const logs: CollectedLogs = { level: "debug", lines: [] };
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: 20, progress: () => undefined }),
    logs,
  });
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

async function post(body: unknown, authorization?: string) {
  const response = await fetch(platform.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as any;
}

it("logs no token, no name read, and no complainant's words, at debug level", async () => {
  const officer = (await platform.auth.authorization({ roles: ["mia_officer"], sub: "log-privacy-officer" }))!;
  const ombudsperson = (await platform.auth.authorization({ roles: ["ombudsperson"], sub: "log-privacy-ombuds" }))!;
  const secrets: string[] = [officer.slice("Bearer ".length), ombudsperson.slice("Bearer ".length)];

  // Names in answers, read through three subgraphs.
  const read = await post(
    {
      query: `{ cases(first: 20) { edges { node { caseNumber person { familyName givenNames }
        currentPlacement { facility { name } } assignedOfficer { name } } } } }`,
    },
    officer,
  );
  const people = read.data.cases.edges.map((e: any) => e.node.person);
  expect(people.length).toBeGreaterThan(0);
  for (const person of people) secrets.push(person.familyName, ...person.givenNames.split(" "));

  // A complainant's name, contact and words in variables.
  const marker = randomUUID();
  const filed = await post({
    query: `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`,
    variables: {
      input: {
        channel: "WEB",
        category: "LIVING_CONDITIONS",
        text: `words-${marker}`,
        anonymous: false,
        complainantName: `name-${marker}`,
        complainantContact: `contact-${marker}@example.org`,
      },
    },
  });
  expect(filed.data.fileComplaint.receiptCode).toBeTruthy();
  secrets.push(marker);

  // The same with a NUL in the words (probe 3, M1): its INSERT failed, and the failure was logged
  // with the statement's parameters, name and contact among them. Now refused before any SQL.
  const nul = randomUUID();
  const refused = await post({
    query: `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`,
    variables: {
      input: {
        channel: "WEB",
        category: "LIVING_CONDITIONS",
        text: `words-${nul}\u0000`,
        anonymous: false,
        complainantName: `name-${nul}`,
        complainantContact: `contact-${nul}@example.org`,
      },
    },
  });
  expect(refused.data).toBeNull();
  expect(refused.errors.map((e: any) => [e.extensions.code, e.extensions.argument])).toEqual([
    ["BAD_USER_INPUT", "input.text"],
  ]);
  secrets.push(nul);

  // Refused and failing requests, whose reasons are logged.
  const forged = `${officer.split(".").slice(0, 2).join(".")}.${"A".repeat(43)}`;
  await post({ query: "{ agreements { id } }" }, forged);
  secrets.push(forged.slice("Bearer ".length));
  await post({ query: `{ case(id: "${randomUUID()}") { person { familyName } } }` }, ombudsperson);
  await post({ query: '{ cases(first: 1, after: "not-a-cursor") { totalCount } }' }, officer);

  // Let the last lines arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const written = logs.lines.join("");
  expect(written.length).toBeGreaterThan(0);
  const found = secrets.filter((secret) => secret.length >= 4 && written.includes(secret));
  expect(found).toEqual([]);
});
