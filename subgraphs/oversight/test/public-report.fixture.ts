import type { PublicReportInput, ReportFigure } from "../src/modules/public-report/public-report.render";

/**
 * A synthetic report input (no real place or person): 2026-Q3 and the two quarters before it,
 * 2026-Q1 with no figures at all, withheld cells in breakdowns (each with its secondary), and
 * an assessment. The unit test and the browser test both render it.
 */
type Unit = ReportFigure["unit"];

export function figure(
  indicator: string,
  label: string,
  unit: Unit,
  value: number | null,
  dimension: string | null = null,
  dimensionLabel: string | null = dimension,
): ReportFigure {
  return { indicator, label, unit, dimension, dimensionLabel, value, suppressed: value === null };
}

const MONTHS: Record<string, [string, number | null][]> = {
  "2026-Q2": [
    ["2026-04", 120],
    ["2026-05", 135],
    ["2026-06", 98],
  ],
  "2026-Q3": [
    ["2026-07", 142],
    ["2026-08", null],
    ["2026-09", null],
  ],
};

function quarterFigures(quarter: "2026-Q2" | "2026-Q3"): ReportFigure[] {
  const q3 = quarter === "2026-Q3";
  return [
    figure("arrivals", "Arrivals", "COUNT", q3 ? 205 : 353),
    ...MONTHS[quarter].map(([month, value]) => figure("arrivals", "Arrivals", "COUNT", value, month)),
    ...MONTHS[quarter].map(([month]) => figure("monthly_cap", "Monthly cap", "COUNT", 150, month)),
    figure("onward_outcomes", "Onward outcomes", "COUNT", q3 ? 40 : 31),
    figure("onward_outcomes", "Onward outcomes", "COUNT", q3 ? 22 : 19, "voluntary_return", "Voluntary return"),
    figure("onward_outcomes", "Onward outcomes", "COUNT", q3 ? 13 : 12, "resettlement", "Resettlement"),
    figure("onward_outcomes", "Onward outcomes", "COUNT", null, "transfer", "Transfer to another state"),
    figure("onward_outcomes", "Onward outcomes", "COUNT", null, "other", "Other"),
    figure("arrival_to_counsel_hours_median", "Median hours from arrival to counsel offer", "HOURS", q3 ? 20.5 : 26),
    figure("arrival_to_screening_hours_median", "Median hours from arrival to screening", "HOURS", q3 ? 51 : null),
    figure("occupancy_rate_mean", "Mean occupancy rate", "RATE", q3 ? 0.82 : 0.74, "fac-a", "Bardhi House"),
    figure("occupancy_rate_mean", "Mean occupancy rate", "RATE", q3 ? 1.07 : 0.95, "fac-b", "Lipjan Centre"),
    figure("occupancy_rate_mean", "Mean occupancy rate", "RATE", q3 ? 0.4 : 0.35, "fac-c", "Drini Shelter"),
    figure("official_capacity", "Official capacity", "COUNT", 60, "fac-a", "Bardhi House"),
    figure("official_capacity", "Official capacity", "COUNT", 40, "fac-b", "Lipjan Centre"),
    figure("official_capacity", "Official capacity", "COUNT", 25, "fac-c", "Drini Shelter"),
    figure("resident_nights", "Resident-nights", "COUNT", q3 ? 8100 : 7420),
    figure("resident_nights", "Resident-nights", "COUNT", q3 ? 4812 : 4400, "prishtine", "Prishtinë"),
    figure("resident_nights", "Resident-nights", "COUNT", q3 ? 3288 : 3020, "lipjan", "Lipjan"),
    figure("complaints", "Complaints", "COUNT", q3 ? 23 : 18),
    figure("complaints", "Complaints", "COUNT", q3 ? 12 : 9, "conditions", "Living conditions"),
    figure("complaints", "Complaints", "COUNT", q3 ? 6 : 9, "health", "Health care"),
    ...(q3
      ? [
          figure("complaints", "Complaints", "COUNT", null, "legal_access", "Access to counsel"),
          figure("complaints", "Complaints", "COUNT", null, "food", "Food"),
        ]
      : []),
    figure("complaint_resolution_days_median", "Median days to resolve a complaint", "DAYS", q3 ? 9.5 : 12),
    figure("complaints_overdue", "Complaints overdue", "COUNT", q3 ? null : 0),
    figure("recommendations_due", "Recommendations due", "COUNT", q3 ? 14 : 11),
    figure("recommendations_implemented", "Recommendations implemented", "COUNT", q3 ? 9 : 5),
    figure("recommendation_implementation_rate", "Recommendation implementation rate", "RATE", q3 ? 0.643 : 0.455),
    figure("incidents", "Incidents", "COUNT", q3 ? 17 : 12),
    figure("staff_training_compliance", "Staff training compliance", "RATE", q3 ? 0.78 : 0.7),
    figure("staff_training_compliance", "Staff training compliance", "RATE", q3 ? 0.9 : 0.8, "fac-a", "Bardhi House"),
    figure("staff_training_compliance", "Staff training compliance", "RATE", q3 ? 0.65 : 0.6, "fac-b", "Lipjan Centre"),
    figure("staff_training_compliance", "Staff training compliance", "RATE", null, "fac-c", "Drini Shelter"),
  ];
}

export function reportFixture(overrides: Partial<PublicReportInput> = {}): PublicReportInput {
  return {
    period: "2026-Q3",
    quarters: [
      { quarter: "2026-Q1", figures: [] },
      { quarter: "2026-Q2", figures: quarterFigures("2026-Q2") },
      { quarter: "2026-Q3", figures: quarterFigures("2026-Q3") },
    ],
    assessment: {
      title: "Reception conditions, third quarter 2026",
      scope: "All three facilities and the receiving municipalities, July to September 2026.",
      method:
        "Published quarter statistics, monitoring visit reports and complaint records, compared with the quarter before.",
      status: "PUBLISHED",
      publishedAt: "2026-10-20T09:00:00.000Z",
      findings: ["Lipjan Centre ran above its official capacity for the whole quarter."],
      recommendations: ["Move placements from Lipjan Centre to Drini Shelter until occupancy is below 100%."],
      indicators: [
        figure("occupancy_rate_mean", "Mean occupancy rate", "RATE", 1.07, "fac-b", "Lipjan Centre"),
        figure("complaints_overdue", "Complaints overdue", "COUNT", null),
      ],
    },
    generatedAt: "2026-10-02T08:30:00.000Z",
    draft: true,
    ...overrides,
  };
}
