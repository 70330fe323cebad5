import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { renderPublicReport } from "../../subgraphs/oversight/src/modules/public-report/public-report.render";
import { DEFAULT_GATEWAY, parseReportArgs, reportQuarters } from "../src/report/args";
import { type QuarterResponse, ReportQueryError, reportInput } from "../src/report/input";

/**
 * `npm run report`: its arguments, and the gateway's answers turned into the renderer's input
 * (pure, from canned answers). Then the compiled tool against a local stand-in for the gateway:
 * a malformed period stops before any request, a GraphQL error and a silent gateway are said.
 */
const ROOT = path.resolve(__dirname, "..", "..");

describe("parseReportArgs", () => {
  it("takes the period, with the default file and gateway", () => {
    expect(parseReportArgs(["--period", "2026-Q3"])).toEqual({
      period: "2026-Q3",
      out: "reports/2026-Q3.html",
      gateway: DEFAULT_GATEWAY,
    });
    expect(
      parseReportArgs(["--gateway", "https://graph.example.org/graphql", "--out", "x/y.html", "--period", "2025-Q1"]),
    ).toEqual({ period: "2025-Q1", out: "x/y.html", gateway: "https://graph.example.org/graphql" });
  });

  it("refuses a malformed period, with exit code 2", () => {
    for (const period of ["2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "2026-q3", "Q3-2026", ""]) {
      expect(parseReportArgs(["--period", period])).toEqual({
        message: `--period must be a quarter as YYYY-Qn (for example 2026-Q3), not ${JSON.stringify(period)}`,
        code: 2,
      });
    }
  });

  it("refuses a missing period, an unknown flag, a flag without value and a gateway that is no URL", () => {
    expect(parseReportArgs([])).toMatchObject({ code: 2, message: expect.stringMatching(/^--period is required\n/) });
    expect(parseReportArgs(["--period", "2026-Q3", "--token", "x"])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/^unexpected argument --token\n/),
    });
    expect(parseReportArgs(["--period"])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/^--period needs a value/),
    });
    expect(parseReportArgs(["--out", "--period", "2026-Q3"])).toMatchObject({
      code: 2,
      message: expect.stringMatching(/^--out needs a value/),
    });
    expect(parseReportArgs(["--period", "2026-Q3", "--gateway", "localhost:4000"])).toMatchObject({ code: 2 });
    expect(parseReportArgs(["--period", "2026-Q3", "--gateway", "not a url"])).toMatchObject({
      code: 2,
      message: '--gateway must be a URL (for example http://127.0.0.1:4000/graphql), not "not a url"',
    });
    expect(parseReportArgs(["--help"])).toMatchObject({
      code: 0,
      message: expect.stringMatching(/^usage: npm run report/),
    });
  });
});

describe("reportQuarters", () => {
  it("is the period and the seven quarters before it, oldest first", () => {
    expect(reportQuarters("2026-Q3")).toEqual([
      "2024-Q4",
      "2025-Q1",
      "2025-Q2",
      "2025-Q3",
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
    ]);
    expect(reportQuarters("2026-Q1")[0]).toBe("2024-Q2");
  });
});

type Figure = NonNullable<NonNullable<QuarterResponse["data"]>["statisticsQuarter"]>["caseFigures"][number];
const fig = (
  indicator: string,
  value: number | null,
  dimension: string | null = null,
  dimensionLabel = dimension,
): Figure => ({
  indicator,
  label: indicator.replace(/_/g, " "),
  dimension,
  dimensionLabel,
  unit: indicator.endsWith("_rate") || indicator.endsWith("compliance") ? "RATE" : "COUNT",
  value,
  suppressed: value === null,
});

function answer(quarter: string, complete: boolean, figures: Partial<Record<string, Figure[]>> = {}): QuarterResponse {
  return {
    data: {
      statisticsQuarter: {
        quarter,
        complete,
        caseFigures: figures.caseFigures ?? [],
        facilityFigures: figures.facilityFigures ?? [],
        monitoringFigures: figures.monitoringFigures ?? [],
        trainingFigures: figures.trainingFigures ?? [],
      },
    },
  };
}

const Q3 = answer("2026-Q3", true, {
  caseFigures: [fig("arrivals", 1234), fig("arrivals", 611, "2026-07"), fig("arrivals", null, "2026-08")],
  facilityFigures: [fig("resident_nights", 20000), fig("incidents", 30)],
  monitoringFigures: [fig("complaints", 17)],
  trainingFigures: [fig("staff_training_compliance", 0.8125)],
});

describe("reportInput", () => {
  const quarters = ["2026-Q2", "2026-Q3"];
  const generatedAt = new Date("2026-10-05T12:00:00.000Z");

  it("puts each quarter's four figure lists together, as a draft without assessment", () => {
    const input = reportInput("2026-Q3", quarters, [answer("2026-Q2", true), Q3], generatedAt);
    expect(input).toEqual({
      period: "2026-Q3",
      quarters: [
        { quarter: "2026-Q2", figures: [] },
        {
          quarter: "2026-Q3",
          figures: [
            fig("arrivals", 1234),
            fig("arrivals", 611, "2026-07"),
            fig("arrivals", null, "2026-08"),
            fig("resident_nights", 20000),
            fig("incidents", 30),
            fig("complaints", 17),
            fig("staff_training_compliance", 0.8125),
          ],
        },
      ],
      assessment: null,
      generatedAt: "2026-10-05T12:00:00.000Z",
      draft: true,
    });
    const page = renderPublicReport(input);
    expect(page).toContain("1,234");
    expect(page).toContain("81.3%");
    expect(page).toContain("1.50 per 1,000"); // 30 incidents over 20,000 resident-nights
    expect(page).toMatch(/<g class="withheld" data-key="2026-08">/);
  });

  it("drops a value that arrives beside suppressed: true", () => {
    const careless = answer("2026-Q3", true, { caseFigures: [{ ...fig("arrivals", 3), suppressed: true }] });
    expect(reportInput("2026-Q3", ["2026-Q3"], [careless], generatedAt).quarters[0].figures).toEqual([
      fig("arrivals", null),
    ]);
  });

  it("throws the gateway's errors, with their codes and paths, instead of rendering part of the figures", () => {
    const failed: QuarterResponse = {
      data: null,
      errors: [
        { message: "quarter must be YYYY-Qn", path: ["statisticsQuarter"], extensions: { code: "BAD_USER_INPUT" } },
        { message: "Subgraph training is unavailable", extensions: { code: "SUBGRAPH_UNAVAILABLE" } },
      ],
    };
    expect(() => reportInput("2026-Q3", quarters, [failed, Q3], generatedAt)).toThrow(
      new ReportQueryError("2026-Q2", failed.errors!),
    );
    expect(() => reportInput("2026-Q3", quarters, [failed, Q3], generatedAt)).toThrow(
      "the gateway answered 2026-Q2 with 2 errors:\n  BAD_USER_INPUT: quarter must be YYYY-Qn (at statisticsQuarter)\n  SUBGRAPH_UNAVAILABLE: Subgraph training is unavailable",
    );
    expect(() => reportInput("2026-Q3", quarters, [{ data: { statisticsQuarter: null } }, Q3], generatedAt)).toThrow(
      ReportQueryError,
    );
    expect(() => reportInput("2026-Q3", quarters, [Q3], generatedAt)).toThrow("expected 2 answers, got 1");
  });
});

describe("npm run report (the compiled tool against a stand-in gateway)", () => {
  let server: http.Server;
  let url: string;
  const bodies: { query?: string; documentId: string; variables: { quarter: string } }[] = [];
  const authorizations: (string | undefined)[] = [];
  let reply: (quarter: string) => QuarterResponse;
  let folder: string;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-report-"));
    server = http.createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => {
        const body = JSON.parse(text) as { query?: string; documentId: string; variables: { quarter: string } };
        bodies.push(body);
        authorizations.push(req.headers.authorization);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(reply(body.variables.quarter)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(folder, { recursive: true, force: true });
  });

  function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, "tools", "dist", "report.js"), ...args], { cwd: folder });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("asks for the eight quarters anonymously and writes the report", async () => {
    bodies.length = 0;
    reply = (quarter) => (quarter === "2026-Q3" ? Q3 : answer(quarter, true));
    const result = await run("--period", "2026-Q3", "--gateway", url);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(bodies.map((b) => b.variables.quarter)).toEqual(reportQuarters("2026-Q3"));
    expect(authorizations).toEqual(Array(8).fill(undefined));
    // By trusted-document id (documents/public-report-quarter.graphql), as production's gateway requires.
    const manifest = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, "..", "..", "packages", "client", "src", "generated", "persisted-documents.json"),
        "utf8",
      ),
    ) as Record<string, string>;
    expect(bodies.every((b) => b.query === undefined)).toBe(true);
    expect(manifest[bodies[0].documentId]).toContain("query PublicReportQuarter($quarter: String!)");
    expect(result.stdout).toContain("  2026-Q3: 7 figures\n");
    expect(result.stdout).toContain("wrote reports/2026-Q3.html");
    const page = fs.readFileSync(path.join(folder, "reports", "2026-Q3.html"), "utf8");
    expect(page).toContain("<strong>Draft.</strong>");
    expect(page).toContain("1,234");
  }, 30_000);

  it("stops at a malformed period with exit code 2 before any request", async () => {
    bodies.length = 0;
    const result = await run("--period", "2026-Q7", "--gateway", url);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('--period must be a quarter as YYYY-Qn (for example 2026-Q3), not "2026-Q7"\n');
    expect(bodies).toEqual([]);
  }, 30_000);

  it("prints a GraphQL error and exits 1 at the first one, writing nothing", async () => {
    bodies.length = 0;
    reply = () => ({
      errors: [
        {
          message: 'Cannot query field "caseFigures" on type "StatisticsQuarter".',
          extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
        },
      ],
    });
    const result = await run("--period", "2026-Q2", "--gateway", url, "--out", "failed.html");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'report: the gateway answered 2024-Q3 with an error:\n  GRAPHQL_VALIDATION_FAILED: Cannot query field "caseFigures" on type "StatisticsQuarter".',
    );
    expect(bodies).toHaveLength(1);
    expect(fs.existsSync(path.join(folder, "failed.html"))).toBe(false);
  }, 30_000);

  it("says which URL did not answer and to run npm start first", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await run("--period", "2026-Q3", "--gateway", `http://127.0.0.1:${port}/graphql`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `report: No answer from the gateway at http://127.0.0.1:${port}/graphql (ECONNREFUSED). Start the platform first with \`npm start\`, or pass --gateway <url>.\n`,
    );
  }, 30_000);
});
