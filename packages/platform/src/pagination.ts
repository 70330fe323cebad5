import { Field, Int, ObjectType, ArgsType, Directive } from "type-graphql";
import type { ClassType } from "type-graphql";
import { badUserInput } from "./errors";
import { isUuid } from "./ids";

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

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

export type CursorKey = [string | number, string];

/** Cursor of a keyset position: the sort value and the id (a uuid) that breaks ties. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === "string" || typeof value[0] === "number") &&
      isUuid(value[1])
    ) {
      return value as CursorKey;
    }
  } catch {
    // fall through to the error below
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
 * another page follows.
 */
export function toPage<T>(rows: T[], first: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, first);
  const edges = items.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
