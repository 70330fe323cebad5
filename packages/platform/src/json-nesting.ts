/**
 * How deep a request's JSON parameters (`variables`, `extensions`) may nest. The deepest input
 * type of the graph is a few levels; a request nested tens of thousands of levels deep (a few
 * hundred KiB of `[`) overflows the stack of any recursive step that touches it — serialising
 * it to sign or to key a cache, coercing it, logging it — and used to answer HTTP 500. Refused
 * at each door (the gateway's request check, a subgraph's own) before anything walks it.
 */
export const MAX_JSON_NESTING = 32;

/** The deepest nesting of arrays and objects in a parsed JSON value, found without recursion. */
export function jsonNesting(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/** The deepest nesting of `[`/`{` in JSON text (outside strings), scanned once, before parsing it. */
export function jsonTextNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return deepest;
}
