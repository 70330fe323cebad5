import fs from "node:fs";
import path from "node:path";
import { trustedDocumentId } from "@kgraph/platform";
import { QUARTER_FIGURES_DOCUMENT } from "../../subgraphs/oversight/src/modules/statistics-quarter/public-figures";
import { reportDocumentId } from "../../gateway/src/public-reports";

/**
 * What the platform itself reads through the graph as the public must be a trusted document
 * (production's gateway runs public callers on trusted documents only): the oversight subgraph's
 * quarter figures, sent by id, is exactly the manifest's entry for documents/quarter-figures.graphql;
 * the gateway's report page finds its document by name.
 */
const MANIFEST = path.resolve(__dirname, "..", "..", "packages", "client", "src", "generated", "persisted-documents.json");
const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as Record<string, string>;

it("sends the oversight subgraph's quarter-figures query by an id the manifest holds, with the same text", () => {
  expect(manifest[trustedDocumentId(QUARTER_FIGURES_DOCUMENT)]).toBe(QUARTER_FIGURES_DOCUMENT);
});

it("finds the report page's document in the manifest", () => {
  const id = reportDocumentId(MANIFEST);
  expect(id).not.toBeNull();
  expect(manifest[id!]).toMatch(/^query PublicReportPage\(\$quarter: String!\) \{ publicReport\(quarter: \$quarter\) \{ html \} \}$/);
});
