import { Field, Int, ObjectType, ArgsType, Directive } from "type-graphql";
import { z } from "zod";
import type { ClassType } from "type-graphql";
import { isStorableInstant } from "./dates";
import { badUserInput } from "./errors";
import { isUuid } from "./ids";

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * On every field that takes `first` (a connection): the gateway's demand control prices the
 * page's `edges` at `first` items (the default when left out), so a page of 500 costs ten times
 * a page of 50 and nested pages multiply.
 */
export const PagedList = () => Directive(`@listSize(slicingArguments: ["first"], sizedFields: ["edges"])`);

@Directive("@shareable")
@ObjectType({ description: "Where a page of a connection ends, and whether more follow." })
export class PageInfo {
  @Field({ description: "True when another page follows this one." })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page; null on an empty page." })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, 1 to ${MAX_PAGE_SIZE}.` })
  first: number;

  @Field(() => String, { nullable: true, description: "The `endCursor` of the previous page." })
  after?: string | null;
}

export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

/** A Relay connection type for `itemType`: `<Name>Connection { edges { node cursor } pageInfo }`. */
export function connectionType<T extends object>(
  itemType: ClassType<T>,
  name: string,
  options: { shareable?: boolean } = {},
) {
  // A connection served by several subgraphs (the audit trail's) must be @shareable in each.
  const shareable = options.shareable ? Directive("@shareable") : () => undefined;

  @shareable
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => itemType, { description: `The ${name}.` })
    node: T;

    @Field({ description: "Opaque position of this item; pass as `after` to continue from it." })
    cursor: string;
  }

  @shareable
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items in a stable order.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "The items of this page." })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: "Where this page ends." })
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_BIGINT = 2n ** 63n - 1n;
/** Longer than any cursor this API issues (names are at most 200 characters each). */
const MAX_CURSOR_LENGTH = 4096;

/** A time exactly as `Date#toISOString` writes it, between years 0001 and 9999. */
const instant = z.string().refine((value) => {
  if (!ISO_INSTANT.test(value)) return false;
  const time = new Date(value);
  return isStorableInstant(time) && time.toISOString() === value;
});
/** A position in an append-only sequence: a positive PostgreSQL bigint, as decimal text. */
const sequenceNumber = z.string().refine((value) => /^[1-9][0-9]{0,18}$/.test(value) && BigInt(value) <= MAX_BIGINT);
/** Text PostgreSQL can compare with a column (it refuses NUL characters). */
const text = z.string().refine((value) => value.length <= 1000 && !value.includes("\u0000"));
const uuid = z.string().refine(isUuid);

/**
 * The keyset positions lists page by. A cursor is the JSON of one of these tuples, base64url:
 * opaque to clients, and checked against its list's shape before any of it reaches SQL, so a
 * forged or mistyped cursor is the caller's error (BAD_USER_INPUT naming `after`), never a
 * database error. The last element is always the id that breaks ties.
 */
export const CURSOR_KEYS = {
  /** A time (as the API writes it) and the id: cases, transfers, placements, visits, sessions, … */
  time: z.tuple([instant, uuid]),
  /** A position in an audit trail's chain and the event's id. */
  sequence: z.tuple([sequenceNumber, uuid]),
  /** A family name, given names and the id: people listed by name. */
  names: z.tuple([text, text, uuid]),
};

export type CursorKind = keyof typeof CURSOR_KEYS;
export type CursorKeyOf<K extends CursorKind> = z.infer<(typeof CURSOR_KEYS)[K]>;
/** Any list's position (loaders that carry one without caring which kind). */
export type CursorKey = CursorKeyOf<CursorKind>;

/** The cursor of a position; the key must have its kind's shape (a programming error otherwise). */
export function encodeCursor<K extends CursorKind>(kind: K, key: CursorKeyOf<K>): string {
  if (!CURSOR_KEYS[kind].safeParse(key).success) {
    throw new Error(`A ${kind} cursor cannot hold ${JSON.stringify(key)}.`);
  }
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/**
 * The position a cursor stands for, when it is one of `kind`; any other string, whatever it
 * decodes to, is BAD_USER_INPUT naming `after` (and nothing else is ever thrown).
 */
export function decodeCursor<K extends CursorKind>(cursor: string, kind: K): CursorKeyOf<K> {
  if (typeof cursor === "string" && cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]*$/.test(cursor)) {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
      value = undefined;
    }
    const parsed = CURSOR_KEYS[kind].safeParse(value);
    if (parsed.success) return parsed.data as CursorKeyOf<K>;
  }
  throw badUserInput("The cursor given in `after` is not one this API issued.", { argument: "after" });
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}; got ${first}.`, { argument: "first" });
  }
  return first;
}

/**
 * Builds a page from rows fetched with `LIMIT first + 1`: the extra row only tells whether
 * another page follows. A cursor is written when it is read: most pages are asked for without
 * their edges' cursors, and writing (and checking) one per item was about 4% of the cases
 * subgraph's CPU on an officer's page.
 */
export function toPage<T, K extends CursorKind>(
  rows: T[],
  first: number,
  kind: K,
  keyOf: (row: T) => CursorKeyOf<K>,
): Page<T> {
  const items = rows.slice(0, first);
  const cursorOf = (node: T) => encodeCursor(kind, keyOf(node));
  const last = items.at(-1);
  return {
    edges: items.map((node) => ({
      node,
      get cursor() {
        return cursorOf(node);
      },
    })),
    pageInfo: {
      hasNextPage: rows.length > first,
      get endCursor() {
        return last === undefined ? null : cursorOf(last);
      },
    },
  };
}
