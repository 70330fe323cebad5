/**
 * Read-only views a subgraph publishes for other subgraphs' record rules: the only SQL that
 * crosses a schema (DESIGN §2: no foreign keys and no imports across subgraphs). Each consumer's
 * database role may SELECT the view and nothing else of that schema (`npm start` grants it), and
 * a subgraph's own tests get an empty stand-in table of the same shape for each view it reads.
 */
export interface PublishedView {
  owner: string;
  view: string;
  /** The columns, as the contract states them (name → SQL type). */
  columns: Readonly<Record<string, string>>;
  consumers: readonly string[];
}

export const PUBLISHED_VIEWS: readonly PublishedView[] = [
  {
    owner: "cases",
    view: "counsel_client",
    columns: { case_id: "uuid", counsel_id: "uuid" },
    consumers: ["facilities", "monitoring"],
  },
  {
    owner: "facilities",
    view: "case_residence",
    columns: { case_id: "uuid", facility_id: "uuid", current: "boolean" },
    consumers: ["cases", "monitoring"],
  },
];
