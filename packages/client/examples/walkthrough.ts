import { createClient } from "../src/client";
import {
  CaseDashboardDocument,
  CaseFileDocument,
  ComplaintStatusDocument,
  FacilityConditionsDocument,
  FileComplaintDocument,
  ProgrammeStatisticsDocument,
} from "../src/generated/graphql";

/**
 * What a frontend team writes with the generated client: typed results, trusted documents sent
 * by hash. Public part: facility conditions, statistics, a complaint filed and checked by its
 * receipt code. With an officer's token: the case dashboard and one case's file.
 *
 *   npm run example -- [--url http://localhost:4000/graphql] [--token <mia_officer token>]
 */
export interface WalkthroughResult {
  facilities: { name: string; occupancyBand: string | null; openRecommendations: number }[];
  arrivalsReported: number | null;
  receiptCode: string;
  complaintStatus: string;
  dashboard?: { caseNumber: string; familyName: string | null }[];
  caseFile?: { caseNumber: string; placements: number; flags: string[] };
}

export async function walkthrough(url: string, officerToken?: string): Promise<WalkthroughResult> {
  const publicClient = createClient({ url });
  const conditions = await publicClient.execute(FacilityConditionsDocument);
  if (!conditions.data) throw new Error(`facility conditions failed: ${conditions.errors[0]?.message}`);
  const statistics = await publicClient.execute(ProgrammeStatisticsDocument, { from: "2025-09", to: "2026-11" });
  const filed = await publicClient.execute(FileComplaintDocument, {
    input: {
      channel: "WEB",
      category: "LIVING_CONDITIONS",
      text: "The heating in block B has not worked for a week.",
      anonymous: true,
    },
  });
  if (!filed.data) throw new Error(`filing a complaint failed: ${filed.errors[0]?.message}`);
  const receiptCode = filed.data.fileComplaint.receiptCode;
  const status = await publicClient.execute(ComplaintStatusDocument, { receiptCode });
  if (!status.data?.complaintStatus) throw new Error(`checking the complaint failed: ${status.errors[0]?.message}`);

  const result: WalkthroughResult = {
    facilities: conditions.data.facilities.map((f) => ({
      name: f.name,
      occupancyBand: f.occupancyBand,
      openRecommendations: f.openRecommendations.length,
    })),
    arrivalsReported: statistics.data?.programmeStatistics.totalArrivals ?? null,
    receiptCode,
    complaintStatus: status.data.complaintStatus.status,
  };
  if (!officerToken) return result;

  const officer = createClient({ url, token: officerToken });
  const dashboard = await officer.execute(CaseDashboardDocument, { first: 5 });
  if (!dashboard.data) throw new Error(`dashboard failed: ${dashboard.errors[0]?.message}`);
  result.dashboard = dashboard.data.cases.edges.map(({ node }) => ({
    caseNumber: node.caseNumber,
    familyName: node.person?.familyName ?? null,
  }));
  const first = dashboard.data.cases.edges[0]?.node;
  if (first) {
    const file = await officer.execute(CaseFileDocument, { id: first.id });
    if (file.data?.case) {
      result.caseFile = {
        caseNumber: file.data.case.caseNumber,
        placements: file.data.case.placements.length,
        flags: file.data.case.vulnerabilityFlags.map((f) => f.code),
      };
    }
  }
  return result;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const url = flag("--url") ?? "http://localhost:4000/graphql";
  walkthrough(url, flag("--token") ?? process.env.KGRAPH_TOKEN).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`example failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
