import { type DocumentNode, print } from "graphql";
import { withNeededMarkersOnly } from "./error-paths";

/** How many distinct authorised documents keep their plans; past it, the least recently used goes. */
export const STABLE_DOCUMENTS_MAX = 1000;

/**
 * The same executed document for the same text. The query planner (@graphql-hive/router-runtime)
 * caches plans by document object, but field authorization (generic-auth's `protect-granular`)
 * hands execution a new document on every request, changed or not, so every request was planned
 * again (≈ 0.5 ms of gateway CPU each, issue 11). The first document seen with a given text stands
 * for every later one, so one caller view of one operation is planned once. Two documents with the
 * same text are the same operation: each caller's own removals are in the text, and variables are
 * not part of it. Bounded, so many distinct operations cost only re-planning, as before.
 */
export function stableDocuments(max = STABLE_DOCUMENTS_MAX): (document: DocumentNode) => DocumentNode {
  const byText = new Map<string, DocumentNode>();
  return (document) => {
    const text = print(document);
    const known = byText.get(text);
    if (known) {
      // Most recently used last: Map keeps insertion order.
      byText.delete(text);
      byText.set(text, known);
      return known;
    }
    byText.set(text, document);
    if (byText.size > max) byText.delete(byText.keys().next().value as string);
    return document;
  };
}

interface ExecuteArgs {
  document: DocumentNode;
}

/**
 * Swaps the document when execution starts, after every onExecute hook (field authorization's
 * included) has rewritten it: the stable document for its text, without the hidden `__typename`
 * markers authorization no longer needs (error-paths.ts).
 */
export function useStablePlanDocuments(max = STABLE_DOCUMENTS_MAX) {
  const stable = stableDocuments(max);
  return {
    onExecute({
      executeFn,
      setExecuteFn,
    }: {
      executeFn: (args: ExecuteArgs) => unknown;
      setExecuteFn(fn: (args: ExecuteArgs) => unknown): void;
    }) {
      setExecuteFn((args) => executeFn({ ...args, document: withNeededMarkersOnly(stable(args.document)) }));
    },
  };
}
