import { SUPPRESSION_THRESHOLD, formatMonth, monthsOfQuarter, parseQuarter } from "@kgraph/platform";
import { type Datum, HATCH_DEFS, barChart, columnChart, lineChart } from "./public-report.charts";
import { INCIDENTS_PER_THOUSAND_CELL, derivedFigures } from "./public-report.derive";
import { NO_DATA_TEXT, formatFigure, formatInstant, formatMonthLabel } from "./public-report.format";
import { Html, join, markup } from "./public-report.html";
import type { PublicReportInput, ReportAssessment, ReportFigure } from "./public-report.types";

export type { PublicReportInput, ReportAssessment, ReportFigure } from "./public-report.types";

/** The figures of one quarter, looked up by indicator and dimension. */
class QuarterFigures {
  constructor(
    readonly quarter: string,
    readonly figures: readonly ReportFigure[],
  ) {}

  /** The whole-quarter figure (dimension null), or one cell. */
  get(indicator: string, dimension: string | null = null): ReportFigure | undefined {
    return this.figures.find((f) => f.indicator === indicator && f.dimension === dimension);
  }

  /** The cells of a breakdown (dimension set), in the order published. */
  parts(indicator: string): ReportFigure[] {
    return this.figures.filter((f) => f.indicator === indicator && f.dimension !== null);
  }
}

/** A quarter's figures and those worked out from them (none for a quarter without figures). */
function withDerived(figures: readonly ReportFigure[]): ReportFigure[] {
  return !figures.length || figures.some((f) => f.indicator === INCIDENTS_PER_THOUSAND_CELL.indicator)
    ? [...figures]
    : [...figures, ...derivedFigures(figures)];
}

function partLabel(figure: ReportFigure): string {
  return figure.dimensionLabel ?? figure.dimension ?? "";
}

function byLabel(a: ReportFigure, b: ReportFigure): number {
  return partLabel(a).localeCompare(partLabel(b), "en") || (a.dimension ?? "").localeCompare(b.dimension ?? "");
}

function datum(figure: ReportFigure): Datum {
  return { key: figure.dimension ?? "", label: partLabel(figure), figure };
}

type Previous = { quarter: string; figure: ReportFigure | undefined } | undefined;

/** A headline number, with the quarter before it when there is one. */
function tile(label: string, figure: ReportFigure | undefined, previous: Previous): Html {
  const absent = !figure || figure.suppressed || figure.value === null;
  const note = previous
    ? markup`<div class="tile-note">${previous.quarter}: ${formatFigure(previous.figure)}</div>`
    : "";
  return markup`<div class="tile"><div class="tile-label">${label}</div><div class="tile-value${absent ? " absent" : ""}">${formatFigure(figure)}</div>${note}</div>`;
}

function tiles(items: readonly Html[]): Html {
  return markup`<div class="tiles">${items}</div>`;
}

function section(id: string, title: string, lead: string, content: readonly (Html | string)[]): Html {
  return markup`<section id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${title}</h2>
<p class="lead">${lead}</p>
${content}
</section>
`;
}

function absentNote(what: string): Html {
  return markup`<p class="absent-note">${what}: ${NO_DATA_TEXT} for this quarter.</p>`;
}

function figureTable(figures: readonly ReportFigure[]): Html {
  const rows = figures.map(
    (f) =>
      markup`<tr><th scope="row">${f.label}</th><td>${f.dimension === null ? "whole quarter" : partLabel(f)}</td><td class="num">${formatFigure(f)}</td></tr>`,
  );
  return markup`<table><thead><tr><th scope="col">Indicator</th><th scope="col">Part</th><th scope="col" class="num">Value</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function numbered(items: readonly string[]): Html {
  return items.length ? markup`<ol>${items.map((item) => markup`<li>${item}</li>`)}</ol>` : markup`<p>None.</p>`;
}

function renderAssessment(assessment: ReportAssessment): Html {
  const published = assessment.publishedAt ? formatInstant(assessment.publishedAt) : "not yet";
  return section("assessment", `Impact assessment: ${assessment.title}`, assessment.scope, [
    markup`<dl class="facts"><dt>Method</dt><dd>${assessment.method}</dd><dt>Status</dt><dd>${assessment.status}</dd><dt>Published</dt><dd>${published}</dd></dl>`,
    markup`<h3>Findings</h3>${numbered(assessment.findings)}`,
    markup`<h3>Recommendations</h3>${numbered(assessment.recommendations)}`,
    markup`<h3>Indicators</h3>${assessment.indicators.length ? figureTable(assessment.indicators) : markup`<p>None.</p>`}`,
  ]);
}

/** The page's own style: no font, image or sheet from elsewhere; a print layout. */
const STYLE = new Html(`
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #d6d6d6; --accent: #0072B2; --warn: #D55E00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
main, header, footer { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .5rem; padding-top: .75rem; border-top: 3px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.nowrap { white-space: nowrap; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
.banner { border: 2px solid var(--warn); background: #fff4ec; padding: .75rem 1rem; border-radius: 4px; }
.lead { color: var(--muted); max-width: 44rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.tile { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .8rem; }
.tile-label { font-size: .85rem; color: var(--muted); }
.tile-value { font-size: 1.4rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.tile-value.absent { font-size: 1rem; font-weight: 500; font-style: italic; color: var(--muted); padding: .45rem 0; }
.tile-note { font-size: .8rem; color: var(--muted); }
figure.chart { margin: 1.25rem 0 1.75rem; }
figure.chart svg { display: block; width: 100%; max-width: 720px; height: auto; }
svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .tick { fill: #444; font-size: 11px; font-variant-numeric: tabular-nums; }
svg .value { font-size: 11.5px; font-variant-numeric: tabular-nums; }
svg .absent { font-style: italic; fill: #555; font-size: 11px; }
svg .grid { stroke: #e6e6e6; stroke-width: 1; }
svg .axis { stroke: #333; stroke-width: 1.2; }
details { margin-top: .4rem; font-size: .92rem; }
summary { cursor: pointer; color: var(--accent); }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .7rem .3rem 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { border-bottom: 2px solid var(--ink); }
.absent-note { font-style: italic; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--rule); font-size: .9rem; color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10.5pt; }
  main, header, footer { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure.chart, .tiles, table { break-inside: avoid; }
  details { display: none; }
  .banner { background: none; }
}
`);

const DISCLOSURE = `Every figure in this report is a published cell of the programme's public quarter statistics, decided once for everyone. Counts from 1 to ${SUPPRESSION_THRESHOLD - 1} are withheld, and so is any cell from which such a count could be worked out: nothing below ${SUPPRESSION_THRESHOLD} can be derived from the figures shown. A rate or median is published only when it rests on ${SUPPRESSION_THRESHOLD} or more people or records. "Withheld (fewer than ${SUPPRESSION_THRESHOLD})" marks such a cell; it is never drawn as zero. In a breakdown (complaints by category, cases by outcome, resident-nights by municipality) only the parts published above zero are listed: a part not listed had none, or a count withheld, and which of the two is not said. "No data" means no figure was published for that quarter. Incidents per 1,000 resident-nights is worked out here from two published figures, and is withheld when either is.`;

/**
 * The periodic public report as one self-contained HTML page: headline figures, inline SVG
 * charts (each with its figures as a table), the assessment when there is one, and the
 * disclosure rule. No script, no stylesheet or font from elsewhere, no URL: it reads the same
 * offline, printed, or with JavaScript off. Every label is escaped.
 */
export function renderPublicReport(input: PublicReportInput): string {
  const quarters = [...input.quarters]
    .sort((a, b) => a.quarter.localeCompare(b.quarter))
    .map((q) => new QuarterFigures(q.quarter, withDerived(q.figures)));
  const current = quarters.find((q) => q.quarter === input.period) ?? new QuarterFigures(input.period, []);
  const before = quarters[quarters.indexOf(current) - 1];
  const previous = (indicator: string): Previous =>
    before ? { quarter: before.quarter, figure: before.get(indicator) } : undefined;
  const headline = (label: string, indicator: string) => tile(label, current.get(indicator), previous(indicator));
  const quarterNames = quarters.map((q) => q.quarter);
  const overTime = (indicator: string) => quarters.map((q) => q.get(indicator));
  const months = quarters.flatMap((q) => {
    const number = parseQuarter(q.quarter);
    return number === null ? [] : monthsOfQuarter(number).map((m) => ({ month: formatMonth(m), figures: q }));
  });
  const range =
    quarterNames.length > 1 ? `${quarterNames[0]} to ${quarterNames[quarterNames.length - 1]}` : input.period;
  const period = input.period;

  const glance = tiles([
    headline("Arrivals", "arrivals"),
    headline("Complaints", "complaints"),
    headline("Recommendations implemented", "recommendation_implementation_rate"),
    headline("Staff training compliance", "staff_training_compliance"),
    headline("Incidents per 1,000 resident-nights", INCIDENTS_PER_THOUSAND_CELL.indicator),
    headline("Median hours, arrival to counsel", "arrival_to_counsel_hours_median"),
  ]);

  const arrivals = section(
    "arrivals",
    "Arrivals",
    `People received under the agreement, month by month against the monthly cap, and per quarter, ${range}.`,
    [
      columnChart({
        id: "chart-arrivals-monthly",
        title: "Arrivals per month against the monthly cap",
        summary: `Arrivals per month, ${range}, with the agreement's monthly cap.`,
        unit: "COUNT",
        name: "Arrivals",
        keyHeader: "Month",
        data: months.map(({ month, figures }) => ({
          key: month,
          label: formatMonthLabel(month),
          figure: figures.get("arrivals", month),
        })),
        reference: {
          name: "Monthly cap",
          figures: months.map(({ month, figures }) => figures.get("monthly_cap", month)),
        },
      }),
      columnChart({
        id: "chart-arrivals-quarterly",
        title: "Arrivals per quarter",
        summary: `Arrivals per quarter, ${range}.`,
        unit: "COUNT",
        name: "Arrivals",
        keyHeader: "Quarter",
        data: quarters.map((q) => ({ key: q.quarter, label: q.quarter, figure: q.get("arrivals") })),
      }),
    ],
  );

  const occupancy = current.parts("occupancy_rate_mean").sort(byLabel);
  const nights = current.parts("resident_nights").sort(byLabel);
  const facilities = section(
    "facilities",
    "Facilities and municipalities",
    `How full each facility was on average in ${period} against its official capacity, and the resident-nights each receiving municipality hosted: the load the programme puts on it.`,
    [
      occupancy.length
        ? barChart({
            id: "chart-occupancy",
            title: `Mean occupancy by facility, ${period}`,
            summary: `Mean occupancy rate of each facility in ${period}; 100% is its official capacity.`,
            unit: "RATE",
            keyHeader: "Facility",
            data: occupancy.map(datum),
            marker: { value: 1, label: "100% of capacity" },
            extra: {
              header: "Official capacity",
              cells: occupancy.map((f) => formatFigure(current.get("official_capacity", f.dimension))),
            },
          })
        : absentNote("Occupancy by facility"),
      tiles([headline("Resident-nights, all facilities", "resident_nights")]),
      nights.length
        ? barChart({
            id: "chart-resident-nights",
            title: `Resident-nights by receiving municipality, ${period}`,
            summary: `Nights spent by residents in each municipality's facilities in ${period}.`,
            unit: "COUNT",
            keyHeader: "Municipality",
            data: nights.map(datum),
          })
        : absentNote("Resident-nights by municipality"),
    ],
  );

  const categories = current.parts("complaints");
  const complaints = section(
    "complaints",
    "Complaints",
    `Complaints received in ${period} by category, how fast they were resolved, and how many were past their deadline.`,
    [
      tiles([
        headline("Complaints received", "complaints"),
        headline("Median days to resolution", "complaint_resolution_days_median"),
        headline("Complaints overdue", "complaints_overdue"),
      ]),
      categories.length
        ? barChart({
            id: "chart-complaints-category",
            title: `Complaints by category, ${period}`,
            summary: `Complaints received in ${period}, by category.`,
            unit: "COUNT",
            keyHeader: "Category",
            data: categories.map(datum),
          })
        : absentNote("Complaints by category"),
      lineChart({
        id: "chart-complaints-over-time",
        title: "Complaints and overdue complaints per quarter",
        summary: `Complaints received and complaints overdue per quarter, ${range}.`,
        unit: "COUNT",
        categories: quarterNames,
        series: [
          { name: "Complaints received", figures: overTime("complaints") },
          { name: "Complaints overdue", figures: overTime("complaints_overdue") },
        ],
      }),
    ],
  );

  const recommendations = section(
    "recommendations",
    "Monitoring recommendations",
    "Recommendations of the monitoring bodies that fell due, and how many of them were implemented.",
    [
      tiles([
        headline("Recommendations due", "recommendations_due"),
        headline("Implemented", "recommendations_implemented"),
        headline("Implementation rate", "recommendation_implementation_rate"),
      ]),
      lineChart({
        id: "chart-recommendation-rate",
        title: "Recommendation implementation rate per quarter",
        summary: `Share of recommendations due that were implemented, per quarter, ${range}.`,
        unit: "RATE",
        categories: quarterNames,
        series: [{ name: "Implementation rate", figures: overTime("recommendation_implementation_rate") }],
      }),
    ],
  );

  const incidents = section(
    "incidents",
    "Incidents",
    "Incidents recorded in the facilities, and the same per 1,000 resident-nights so that quarters with more residents compare fairly.",
    [
      tiles([
        headline("Incidents", "incidents"),
        headline("Per 1,000 resident-nights", INCIDENTS_PER_THOUSAND_CELL.indicator),
      ]),
      lineChart({
        id: "chart-incident-rate",
        title: "Incidents per 1,000 resident-nights per quarter",
        summary: `Incidents per 1,000 resident-nights, per quarter, ${range}.`,
        unit: "PER_THOUSAND",
        categories: quarterNames,
        series: [
          { name: "Incidents per 1,000 resident-nights", figures: overTime(INCIDENTS_PER_THOUSAND_CELL.indicator) },
        ],
      }),
    ],
  );

  const compliance = current.parts("staff_training_compliance").sort(byLabel);
  const training = section(
    "training",
    "Staff training",
    `Share of facility staff whose required training was complete in ${period}, per facility and overall.`,
    [
      tiles([headline("All facilities", "staff_training_compliance")]),
      compliance.length
        ? barChart({
            id: "chart-training",
            title: `Staff training compliance by facility, ${period}`,
            summary: `Share of each facility's staff with their required training complete in ${period}.`,
            unit: "RATE",
            keyHeader: "Facility",
            data: compliance.map(datum),
          })
        : absentNote("Training compliance by facility"),
    ],
  );

  const outcomes = current.parts("onward_outcomes");
  const rights = section(
    "rights",
    "Access to counsel, screening and onward outcomes",
    "How soon after arrival people were offered legal counsel and screened for protection needs, and where people went next.",
    [
      tiles([
        headline("Median hours, arrival to counsel", "arrival_to_counsel_hours_median"),
        headline("Median hours, arrival to screening", "arrival_to_screening_hours_median"),
        headline("Onward outcomes", "onward_outcomes"),
      ]),
      lineChart({
        id: "chart-rights-hours",
        title: "Median hours from arrival to counsel and to screening",
        summary: `Median hours from arrival to the counsel offer and to protection screening, per quarter, ${range}.`,
        unit: "HOURS",
        categories: quarterNames,
        series: [
          { name: "Arrival to counsel", figures: overTime("arrival_to_counsel_hours_median") },
          { name: "Arrival to screening", figures: overTime("arrival_to_screening_hours_median") },
        ],
      }),
      outcomes.length
        ? barChart({
            id: "chart-onward-outcomes",
            title: `Onward outcomes, ${period}`,
            summary: `Cases that reached an onward outcome in ${period}, by outcome.`,
            unit: "COUNT",
            keyHeader: "Outcome",
            data: outcomes.map(datum),
          })
        : absentNote("Onward outcomes"),
    ],
  );

  const appendix = section(
    "all-figures",
    `All published figures, ${period}`,
    "Every figure of the quarter as published, in the order the statistics give them.",
    [
      current.figures.length
        ? figureTable(current.figures)
        : markup`<p class="absent-note">No figures are published for ${period}: a quarter has figures only once it is over.</p>`,
    ],
  );

  const banner = input.draft
    ? markup`<p class="banner" role="note"><strong>Draft.</strong> Rendered on ${formatInstant(input.generatedAt)} from the live public figures; not a published report.</p>`
    : "";
  const page = markup`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Public report ${period} — Kosovo reception programme</title>
<style>${STYLE}</style>
</head>
<body>
${HATCH_DEFS}
<header>
<h1>Kosovo reception programme: public report <span class="nowrap">${period}</span></h1>
<p class="subtitle">Quarterly public statistics of the US–Kosovo reception programme, ${range}.</p>
${banner}
</header>
<main>
<section id="glance" aria-labelledby="glance-heading"><h2 id="glance-heading">${period} at a glance</h2>${glance}</section>
${join([arrivals, facilities, complaints, recommendations, incidents, training, rights])}
${input.assessment ? renderAssessment(input.assessment) : ""}
${appendix}
</main>
<footer>
<p><strong>Disclosure rule.</strong> ${DISCLOSURE}</p>
<p>Generated ${formatInstant(input.generatedAt)}. Quarters and months are calendar periods in UTC. This file is self-contained: it loads nothing and runs no script.</p>
</footer>
</body>
</html>`;
  return `<!doctype html>\n${page.text}\n`;
}
