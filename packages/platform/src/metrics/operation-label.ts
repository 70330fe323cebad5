/** The label of an operation without a name. */
export const ANONYMOUS_OPERATION = "anonymous";
/** The label of every operation name past the cap. */
export const OTHER_OPERATION = "other";

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * Operation names as a metric label, with bounded cardinality: a caller chooses the name it
 * sends, and every distinct label value is a time series Prometheus keeps. Names in `known` (the
 * trusted documents the client registers) always get their own series; up to `maxOthers` further
 * names get one first come, first served; everything past that, and anything that is not a
 * GraphQL name, is `other`. No name at all is `anonymous`.
 */
export function operationLabeler(options: { known?: Iterable<string>; maxOthers: number }) {
  const known = new Set(options.known ?? []);
  const others = new Set<string>();
  return (name: string | null | undefined): string => {
    if (!name) return ANONYMOUS_OPERATION;
    if (known.has(name) || others.has(name)) return name;
    if (others.size < options.maxOthers && NAME.test(name)) {
      others.add(name);
      return name;
    }
    return OTHER_OPERATION;
  };
}
