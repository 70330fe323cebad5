import { createHash } from "node:crypto";
import { type Cache, createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import type { Logger } from "@kgraph/platform/dist/edge";
import { type DocumentNode, type ExecutionResult, Kind, getOperationAST } from "graphql";
import { TYPENAME_MARKER } from "../error-paths";
import { createRedisResponseCache } from "./redis-cache";

/**
 * The root fields whose answers are the same for every caller without a token: the public
 * graph (agreements, facilities, monitoring bodies, published recommendations and visit
 * reports, programme statistics). An operation is cached only when every root field it selects
 * is one of these; `complaintStatus` is not (one answer per receipt-code holder, and each look-up
 * should reach the subgraph).
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  "agreements",
  "facilities",
  "facility",
  "monitoringBodies",
  "programmeStatistics",
  "recommendation",
  "visit",
  "visits",
]);

/** What the cache tells the gateway's metrics: each public answer it was asked for. */
export interface ResponseCacheObserver {
  answered(outcome: "hit" | "miss"): void;
}

export interface ResponseCacheSettings {
  /** How long a public answer is served from the cache at most (RESPONSE_CACHE_TTL_MS). */
  ttlMs: number;
  /** Set: one cache for every gateway on this Redis. Unset: each gateway's own, in memory. */
  redisUrl?: string;
  /** Prefix of the cache's Redis keys (RESPONSE_CACHE_KEY_PREFIX). */
  keyPrefix: string;
  /** The supergraph's text: answers of another supergraph (a deployment in progress) are not shared. */
  supergraph: string;
  logger: Logger;
  observer?: ResponseCacheObserver;
}

export interface ResponseCache {
  /**
   * After the limits (a refused request never reads it), and before useExactRemovedFieldPaths:
   * a mutation's answer is read for the entities it names while it still has its hidden typenames.
   */
  decide: unknown;
  /** After useExactRemovedFieldPaths: what is stored, and later served, is the answer as sent. */
  store: unknown;
  close(): Promise<void>;
}

/**
 * The runtime's response cache (@graphql-yoga/plugin-response-cache, which gateway-runtime's own
 * `responseCaching` option wraps; that option takes the runtime's key-value cache, not a store of
 * the plugin's own with per-entity invalidation) for public callers only:
 * - a request with an Authorization header, valid or not, neither reads nor writes it;
 * - only queries whose root fields are all in CACHEABLE_ROOT_FIELDS, and only answers without
 *   errors, are stored (a partial answer has errors);
 * - a mutation's answer, from any caller, removes the cached answers holding an entity it names
 *   (typename and `id`) before it is sent, so a write is seen at once wherever it is named;
 * - anything else (an entity the mutation does not name, like a facility's occupancy after a
 *   placement) is seen when the answer's TTL ends: a public answer is served at most `ttlMs`
 *   after it was stored (a query running while the write was made may store the older data).
 * A cacheable public answer says `x-response-cache: HIT` (from the cache) or `MISS` (from the
 * subgraphs); any other answer has no such header.
 */
export function createResponseCache(settings: ResponseCacheSettings): ResponseCache {
  const store: Cache & { close?(): Promise<void> } = settings.redisUrl
    ? createRedisResponseCache({
        redisUrl: settings.redisUrl,
        keyPrefix: settings.keyPrefix,
        maxTtlMs: settings.ttlMs,
        logger: settings.logger,
      })
    : // Bounded: at most this many answers in one gateway's memory, least recently used dropped.
      createInMemoryCache({ max: 1000 });
  const version = createHash("sha256").update(settings.supergraph).digest("hex").slice(0, 16);
  // Decided when the operation is known (after validation): cacheable, or a mutation to invalidate by.
  const cacheable = new WeakMap<object, boolean>();
  const isPublic = (request: Request | undefined) => !request?.headers.has("authorization");

  const decide = {
    onExecute({ args }: { args: { document: DocumentNode; operationName?: string | null; contextValue: object } }) {
      const operation = getOperationAST(args.document, args.operationName);
      cacheable.set(
        args.contextValue,
        operation?.operation === "query" &&
          operation.selectionSet.selections.every(
            (selection) =>
              selection.kind === Kind.FIELD &&
              (selection.name.value === "__typename" || CACHEABLE_ROOT_FIELDS.has(selection.name.value)),
          ),
      );
      if (operation?.operation !== "mutation") return undefined;
      return {
        async onExecuteDone({ result }: { result: unknown }) {
          if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return;
          const entities = entitiesIn((result as ExecutionResult).data);
          if (entities.length) await store.invalidate(entities);
        },
      };
    },
    onExecutionResult({ result, setResult }: { result: unknown; setResult(result: unknown): void }) {
      if (!result || typeof result !== "object" || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const single = result as ExecutionResult & { extensions?: Record<string, unknown> };
      const metadata = single.extensions?.responseCache as { hit?: boolean } | undefined;
      if (!metadata) return;
      settings.observer?.answered(metadata.hit ? "hit" : "miss");
      // The plugin's own metadata (hit, ttl) is told as a header; the body stays the subgraphs' answer.
      const extensions = { ...single.extensions };
      delete extensions.responseCache;
      const httpExtension = (extensions.http ?? {}) as { headers?: Record<string, string> };
      setResult({
        ...single,
        extensions: {
          ...extensions,
          http: {
            ...httpExtension,
            headers: { ...httpExtension.headers, "x-response-cache": metadata.hit ? "HIT" : "MISS" },
          },
        },
      });
    },
  };
  const enabled = (request: Request | undefined, context: object) =>
    // Before execution (the look-up) the operation is not known yet: a look-up of a mutation or of
    // an uncacheable query finds nothing, because nothing is ever stored for one.
    isPublic(request) && cacheable.get(context) !== false;

  return {
    decide,
    store: useResponseCache({
      cache: store,
      ttl: settings.ttlMs,
      // One entry for every public caller: they all see what the gateway's public token sees.
      session: () => null,
      enabled,
      // Mutations invalidate through `decide` above, by the ids their answers already hold: the
      // plugin's own invalidation adds `id` to every selection of a mutation after field
      // authorization ran, and some ids need a scope the writer may not have.
      invalidateViaMutation: false,
      includeExtensionMetadata: true,
      buildResponseCacheKey: ({ documentString, operationName, variableValues }) =>
        createHash("sha256")
          .update(JSON.stringify([version, documentString, operationName ?? "", stableJson(variableValues ?? {})]))
          .digest("hex"),
    }),
    close: async () => store.close?.(),
  };
}

/** Every object in an answer with a typename and an `id`: the entities a mutation wrote. */
function entitiesIn(data: unknown): { typename: string; id: string | number }[] {
  const found: { typename: string; id: string | number }[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    const typename = record.__typename ?? record[TYPENAME_MARKER];
    if (typeof typename === "string" && (typeof record.id === "string" || typeof record.id === "number")) {
      found.push({ typename, id: record.id });
    }
    Object.values(record).forEach(walk);
  };
  walk(data);
  return found;
}

/** JSON with object keys sorted: the same variables make the same key whatever their order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
    .join(",")}}`;
}
