import { RECORD_WITHHELD, recordsReadAsAbsent } from "../src/access/classified";

/** The answer step of "a record the caller may not see reads as absent" (subgraph-server.ts). */
async function answered(singleResult: { data?: unknown; errors?: unknown[] }) {
  const hooks = await recordsReadAsAbsent().requestDidStart();
  const body = { kind: "single", singleResult } as never;
  await hooks.willSendResponse({ response: { body } });
  return singleResult;
}

const withheld = {
  message: "Decision.id is withheld by a record rule (oversight).",
  extensions: { code: "FORBIDDEN", reason: RECORD_WITHHELD },
};
const other = { message: "Case.person needs person:read.", extensions: { code: "FORBIDDEN" } };

it("drops the refusals of withheld records from an answer with data, and only those", async () => {
  expect(await answered({ data: { item: { decision: null } }, errors: [withheld] })).toEqual({
    data: { item: { decision: null } },
  });
  expect(await answered({ data: { item: null }, errors: [withheld, other, withheld] })).toEqual({
    data: { item: null },
    errors: [other],
  });
});

it("keeps them when the answer has no data (it must then say why)", async () => {
  expect(await answered({ data: null, errors: [withheld] })).toEqual({ data: null, errors: [withheld] });
});
