import { formatQuarter, parseQuarter } from "@kgraph/platform";

export const DEFAULT_GATEWAY = "http://127.0.0.1:4000/graphql";
/** The period and this many quarters before it. */
export const QUARTERS_BEFORE = 7;

export const USAGE = `usage: npm run report -- --period YYYY-Qn [--out reports/<period>.html] [--gateway ${DEFAULT_GATEWAY}]
Renders the public report of a quarter (and the ${QUARTERS_BEFORE} before it, for the charts over time) from the
public statistics the gateway serves to anyone, as one self-contained HTML file.`;

export interface ReportArgs {
  period: string;
  out: string;
  gateway: string;
}

/** The command line, or what is wrong with it (exit code 2) or a request for help (0). */
export function parseReportArgs(argv: readonly string[]): ReportArgs | { message: string; code: 0 | 2 } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (flag === "--help" || flag === "-h") return { message: USAGE, code: 0 };
    const value = argv[i + 1];
    if (!["--period", "--out", "--gateway"].includes(flag))
      return { message: `unexpected argument ${flag}\n${USAGE}`, code: 2 };
    if (value === undefined || value.startsWith("--")) return { message: `${flag} needs a value\n${USAGE}`, code: 2 };
    values[flag.slice(2)] = value;
  }
  const period = values.period;
  if (period === undefined) return { message: `--period is required\n${USAGE}`, code: 2 };
  if (parseQuarter(period) === null) {
    return {
      message: `--period must be a quarter as YYYY-Qn (for example 2026-Q3), not ${JSON.stringify(period)}`,
      code: 2,
    };
  }
  const gateway = values.gateway ?? DEFAULT_GATEWAY;
  let url: URL;
  try {
    url = new URL(gateway);
  } catch {
    return {
      message: `--gateway must be a URL (for example ${DEFAULT_GATEWAY}), not ${JSON.stringify(gateway)}`,
      code: 2,
    };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { message: `--gateway must be an http or https URL, not ${JSON.stringify(gateway)}`, code: 2 };
  }
  return { period, out: values.out ?? `reports/${period}.html`, gateway };
}

/** The period and the quarters before it, oldest first ("2026-Q3" → 2024-Q4 … 2026-Q3). */
export function reportQuarters(period: string): string[] {
  const last = parseQuarter(period);
  if (last === null) throw new Error(`not a quarter: ${period}`);
  return Array.from({ length: QUARTERS_BEFORE + 1 }, (_, i) => formatQuarter(last - QUARTERS_BEFORE + i));
}
