import type http from "node:http";
import { Kind, parse } from "graphql";
import fs from "node:fs";

/**
 * Published public reports as web pages: `GET /reports/<YYYY-Qn>` (or `.html`) answers the
 * quarter's report (DESIGN §5: published reports are public) by running the trusted document
 * `PublicReportPage` (documents/public-report.graphql) through the gateway itself, as the public —
 * the same rate limits, trusted documents and record rules as any anonymous caller.
 */
export const REPORT_PATH = /^\/reports\/(\d{4}-Q[1-4])(?:\.html)?$/;

const OPERATION = "PublicReportPage";

/** The manifest id of the report page's document; null when the manifest has none (then the route says so). */
export function reportDocumentId(file: string | undefined): string | null {
  if (!file || !fs.existsSync(file)) return null;
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  for (const [id, document] of Object.entries(manifest)) {
    const named = parse(document).definitions.some(
      (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === OPERATION,
    );
    if (named) return id;
  }
  return null;
}

// Only the report's own inline styles and charts: no script, no outside request, no framing.
const REPORT_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "public, max-age=300",
};

function page(res: http.ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, { ...REPORT_HEADERS, "cache-control": "no-store" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
  );
}

/**
 * Answers one report request: `run` executes the page's trusted document as the request's
 * anonymous caller and returns the GraphQL response body.
 */
export async function servePublicReport(
  quarter: string,
  documentId: string | null,
  run: (body: string) => Promise<{ status: number; json: unknown }>,
  res: http.ServerResponse,
): Promise<void> {
  if (!documentId) {
    page(
      res,
      503,
      "Reports unavailable",
      "This gateway's trusted-documents manifest has no report page: run `npm run schema`.",
    );
    return;
  }
  const { status, json } = await run(JSON.stringify({ documentId, variables: { quarter } }));
  const body = json as {
    data?: { publicReport: { html: string } | null };
    errors?: { extensions?: { code?: string } }[];
  };
  if (status === 429) {
    page(res, 429, "Too many requests", "Too many requests from this address; try again in a minute.");
    return;
  }
  if (body?.data?.publicReport) {
    res.writeHead(200, REPORT_HEADERS);
    res.end(body.data.publicReport.html);
    return;
  }
  if (body?.data && body.data.publicReport === null) {
    page(res, 404, `No report for ${quarter}`, `No public report is published for ${quarter} yet.`);
    return;
  }
  page(res, 503, "Report unavailable", "The report could not be read right now; try again shortly.");
}
