import fs from "node:fs";
import path from "node:path";
import { renderPublicReport } from "@kgraph/oversight/dist/modules/public-report/public-report.render";
import { parseReportArgs, reportQuarters } from "./report/args";
import { QUARTER_QUERY, type QuarterResponse, ReportQueryError, reportInput } from "./report/input";

/**
 * The trusted-document id of the quarter query (documents/public-report-quarter.graphql) in the
 * generated manifest: a public caller of a production gateway may run trusted documents only.
 */
function quarterDocumentId(): string | null {
  const manifest = path.resolve(
    __dirname,
    "..",
    "..",
    "packages",
    "client",
    "src",
    "generated",
    "persisted-documents.json",
  );
  if (!fs.existsSync(manifest)) return null;
  const entries = Object.entries(JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, string>);
  return entries.find(([, document]) => document.includes("query PublicReportQuarter("))?.[0] ?? null;
}

const DOCUMENT_ID = quarterDocumentId();

/** The gateway did not answer (or not with GraphQL). */
class GatewayUnreachable extends Error {}

const TIMEOUT_MS = 30_000;

/** One quarter's statistics from the gateway, as the public (no token). */
async function fetchQuarter(gateway: string, quarter: string): Promise<QuarterResponse> {
  let response: Response;
  try {
    response = await fetch(gateway, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify(
        DOCUMENT_ID
          ? { documentId: DOCUMENT_ID, variables: { quarter } }
          : { query: QUARTER_QUERY, variables: { quarter }, operationName: "PublicReportQuarter" },
      ),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new GatewayUnreachable(
      `No answer from the gateway at ${gateway} (${why}). Start the platform first with \`npm start\`, or pass --gateway <url>.`,
    );
  }
  const text = await response.text();
  try {
    const body = JSON.parse(text) as QuarterResponse;
    if (body && (body.data !== undefined || body.errors !== undefined)) return body;
  } catch {
    // Not JSON: said below.
  }
  throw new GatewayUnreachable(
    `The gateway at ${gateway} answered HTTP ${response.status} without a GraphQL response: ${text.slice(0, 200)}`,
  );
}

/** `npm run report`: the public report of a quarter, from the public statistics, as one HTML file. */
async function main(argv: string[]): Promise<number> {
  const args = parseReportArgs(argv);
  if ("message" in args) {
    (args.code === 0 ? process.stdout : process.stderr).write(`${args.message}\n`);
    return args.code;
  }
  const quarters = reportQuarters(args.period);
  process.stdout.write(`public report ${args.period}: asking ${args.gateway} for ${quarters[0]} to ${args.period}\n`);
  const responses: QuarterResponse[] = [];
  for (const quarter of quarters) {
    const response = await fetchQuarter(args.gateway, quarter);
    responses.push(response);
    const statistics = response.data?.statisticsQuarter;
    const count = statistics
      ? statistics.caseFigures.length +
        statistics.facilityFigures.length +
        statistics.monitoringFigures.length +
        statistics.trainingFigures.length
      : 0;
    const state = response.errors?.length
      ? "error"
      : !statistics?.complete
        ? "not over yet, no figures"
        : `${count} figures`;
    process.stdout.write(`  ${quarter}: ${state}\n`);
    if (response.errors?.length) throw new ReportQueryError(quarter, response.errors);
  }
  const input = reportInput(args.period, quarters, responses, new Date());
  const out = path.resolve(args.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderPublicReport(input));
  process.stdout.write(`wrote ${path.relative(process.cwd(), out) || out} (draft, from the live public figures)\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof GatewayUnreachable || err instanceof ReportQueryError) {
      process.stderr.write(`report: ${err.message}\n`);
    } else {
      process.stderr.write(`report: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exit(1);
  },
);
