/** The label of an operation without a name. */
export const ANONYMOUS_OPERATION = "anonymous";
/** The label of every operation name past the cap. */
export const OTHER_OPERATION = "other";

/** A GraphQL name, or several joined by `+` (an operation's root fields). */
const NAME = /^[A-Za-z_][A-Za-z0-9_+]{0,199}$/;

/**
 * A metric label from a closed set: every distinct label value is a time series Prometheus keeps,
 * and a metrics system has none of the graph's access control. Values in `known` always get their
 * own series; up to `maxOthers` further values get one first come, first served, and only values
 * no caller writes freely may be given as those (a schema's field names, this code's error codes);
 * everything past that, and anything that is not a GraphQL name, is `other`. No name at all is
 * `anonymous`. An operation name a client chose is never one of the others (probe 3, L1: a public
 * caller's `query Hana_Fakhri_RKS_2026_001200` became a label): the gateway labels by the trusted
 * documents' names alone.
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
