import { derivedFigures } from "../src/modules/public-report/public-report.derive";
import { type ReportFigure, renderPublicReport } from "../src/modules/public-report/public-report.render";
import { figure, reportFixture } from "./public-report.fixture";

/**
 * The periodic public report's renderer (pure: input → one HTML string) and the figures it works
 * out. Exact printed figures, withheld cells never printed or drawn as numbers, labels escaped,
 * nothing fetched from anywhere.
 */
const page = renderPublicReport(reportFixture());

/** The text of the element with this id, tags stripped. */
function textOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf("</figure>", start);
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("renderPublicReport", () => {
  it("prints each figure formatted: thousands separators, % for rates, h and days", () => {
    const text = page.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("Resident-nights Prishtinë 4,812");
    expect(text).toContain("Resident-nights whole quarter 8,100");
    expect(text).toContain("Mean occupancy rate Lipjan Centre 107%");
    expect(text).toContain("Recommendation implementation rate whole quarter 64.3%");
    expect(text).toContain("Median hours from arrival to counsel offer whole quarter 20.5 h");
    expect(text).toContain("Median days to resolve a complaint whole quarter 9.5 days");
    // Worked out: 17 incidents over 8,100 resident-nights.
    expect(text).toContain("Incidents per 1,000 resident-nights whole quarter 2.10 per 1,000");
  });

  it("charts each indicator with its values in the description and the table", () => {
    const monthly = textOf(page, "chart-arrivals-monthly");
    expect(monthly).toContain("Jul 2026: 142 (Monthly cap: 150)");
    expect(monthly).toContain("Aug 2026: withheld (fewer than 5) (Monthly cap: 150)");
    expect(monthly).toContain("Jan 2026: no data (Monthly cap: no data)");
    expect(textOf(page, "chart-arrivals-quarterly")).toContain("2026-Q1: no data; 2026-Q2: 353; 2026-Q3: 205");
    expect(textOf(page, "chart-occupancy")).toContain("Bardhi House: 82%; Drini Shelter: 40%; Lipjan Centre: 107%");
    expect(textOf(page, "chart-occupancy")).toMatch(/Lipjan Centre 107% 40 /);
    expect(textOf(page, "chart-resident-nights")).toContain("Lipjan: 3,288; Prishtinë: 4,812");
    expect(textOf(page, "chart-complaints-category")).toContain(
      "Living conditions: 12; Health care: 6; Access to counsel: withheld (fewer than 5); Food: withheld (fewer than 5)",
    );
    expect(textOf(page, "chart-complaints-over-time")).toContain(
      "Complaints overdue: 2026-Q1 no data, 2026-Q2 0, 2026-Q3 withheld (fewer than 5)",
    );
    expect(textOf(page, "chart-recommendation-rate")).toContain("2026-Q2 45.5%, 2026-Q3 64.3%");
    expect(textOf(page, "chart-incident-rate")).toContain(
      "2026-Q1 no data, 2026-Q2 1.62 per 1,000, 2026-Q3 2.10 per 1,000",
    );
    expect(textOf(page, "chart-training")).toContain("Bardhi House: 90%; Drini Shelter: withheld (fewer than 5)");
    expect(textOf(page, "chart-rights-hours")).toContain(
      "Arrival to screening: 2026-Q1 no data, 2026-Q2 withheld (fewer than 5), 2026-Q3 51 h",
    );
    expect(textOf(page, "chart-onward-outcomes")).toContain(
      "Voluntary return: 22; Resettlement: 13; Transfer to another state: withheld",
    );
    // Every chart is an accessible image with a title and a description, and its table under it.
    const charts = [...page.matchAll(/<svg role="img" aria-labelledby="([a-z-]+)-title \1-desc"/g)].map((m) => m[1]);
    expect(charts).toEqual([
      "chart-arrivals-monthly",
      "chart-arrivals-quarterly",
      "chart-occupancy",
      "chart-resident-nights",
      "chart-complaints-category",
      "chart-complaints-over-time",
      "chart-recommendation-rate",
      "chart-incident-rate",
      "chart-training",
      "chart-rights-hours",
      "chart-onward-outcomes",
    ]);
    expect(page.match(/<details>/g)).toHaveLength(charts.length);
  });

  it("draws a withheld cell as a withheld mark, never as a bar", () => {
    expect(page).toMatch(/<g class="withheld" data-key="2026-08">/);
    expect(page).not.toMatch(/<rect class="bar" data-key="2026-08"/);
    expect(page).toMatch(/<rect class="bar" data-key="2026-07"/);
    expect(page).toMatch(/<g class="withheld" data-key="legal_access">/);
    expect(page).not.toMatch(/<rect class="bar" data-key="legal_access"/);
  });

  it("never prints a withheld figure's number, even when a careless source sends one", () => {
    const careless: ReportFigure = {
      ...figure("complaints", "Complaints", "COUNT", 4321, "food", "Food"),
      suppressed: true,
    };
    const input = reportFixture();
    input.quarters[2].figures = input.quarters[2].figures.map((f) =>
      f.indicator === "complaints" && f.dimension === "food" ? careless : f,
    );
    input.quarters[2].figures.push({
      ...figure("incidents_overnight", "Incidents at night", "COUNT", 3),
      suppressed: true,
    });
    const html = renderPublicReport(input);
    expect(html).not.toMatch(/4,?321/);
    expect(html.replace(/<[^>]+>/g, " ")).toMatch(/Incidents at night\s+whole quarter\s+withheld \(fewer than 5\)/);
    expect(html).not.toMatch(/<rect class="bar" data-key="food"/);
  });

  it("escapes every label, name and text it is given", () => {
    const attack = `<img src=x onerror=alert(1)>"'&`;
    const input = reportFixture();
    input.quarters[2].figures.push(
      figure("occupancy_rate_mean", attack, "RATE", 0.5, `fac-"><script>alert(2)</script>`, attack),
      figure("complaints", "Complaints", "COUNT", 7, "x", `</title><script>alert(3)</script>`),
    );
    input.assessment = {
      ...input.assessment!,
      title: `</h2><script>alert(4)</script>`,
      findings: [`</li><iframe srcdoc="x"></iframe>`],
      recommendations: [attack],
      scope: attack,
      method: attack,
      status: attack,
    };
    const html = renderPublicReport(input);
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
    expect(html).toContain("&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
    expect(html).toContain('data-key="fac-&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
  });

  it("is self-contained: no URL, no script, a policy that allows no fetch", () => {
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/<script|<link|<img|@import|url\((?!#)/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("says it is a draft only when it is one, and states the disclosure rule", () => {
    expect(page).toContain(
      "<strong>Draft.</strong> Rendered on 2 October 2026, 08:30 UTC from the live public figures",
    );
    const published = renderPublicReport(reportFixture({ draft: false }));
    expect(published).not.toContain("Draft.");
    expect(published).toContain("Counts from 1 to 4 are withheld");
    expect(published).toContain("nothing below 5 can be derived from the figures shown");
  });

  it("shows the assessment's findings, recommendations and indicators, and leaves the section out without one", () => {
    const text = page.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("Impact assessment: Reception conditions, third quarter 2026");
    expect(text).toContain("Findings Lipjan Centre ran above its official capacity for the whole quarter.");
    expect(text).toContain("Move placements from Lipjan Centre to Drini Shelter until occupancy is below 100%.");
    expect(text).toContain("Complaints overdue whole quarter withheld (fewer than 5)");
    expect(renderPublicReport(reportFixture({ assessment: null }))).not.toContain('id="assessment"');
  });

  it("says no data for a quarter without figures", () => {
    const html = renderPublicReport(reportFixture({ period: "2026-Q1" }));
    expect(html).toContain("No figures are published for 2026-Q1: a quarter has figures only once it is over.");
    expect(html).toContain("Occupancy by facility: no data for this quarter.");
    expect(html).not.toMatch(/<rect class="bar" data-key="2026-0[1-3]"/);
  });
});

describe("derivedFigures", () => {
  const incidents = (value: number | null) => figure("incidents", "Incidents", "COUNT", value);
  const nights = (value: number | null, dimension: string | null = null) =>
    figure("resident_nights", "Resident-nights", "COUNT", value, dimension);
  const cell = {
    indicator: "incidents_per_thousand_resident_nights",
    label: "Incidents per 1,000 resident-nights",
    unit: "PER_THOUSAND",
    dimension: null,
    dimensionLabel: null,
  };

  it("works out incidents per 1,000 resident-nights from the two published totals", () => {
    expect(derivedFigures([incidents(17), nights(8100)])).toEqual([{ ...cell, value: 2.1, suppressed: false }]);
    expect(derivedFigures([incidents(0), nights(950)])).toEqual([{ ...cell, value: 0, suppressed: false }]);
    expect(derivedFigures([incidents(12), nights(7420)])).toEqual([{ ...cell, value: 1.62, suppressed: false }]);
  });

  it("adds up the municipalities when there is no total and all of them are published", () => {
    expect(derivedFigures([incidents(10), nights(3000, "a"), nights(2000, "b")])).toEqual([
      { ...cell, value: 2, suppressed: false },
    ]);
    expect(derivedFigures([incidents(10), nights(3000, "a"), nights(null, "b")])).toEqual([
      { ...cell, value: null, suppressed: true },
    ]);
  });

  it("is withheld whenever an input is withheld or missing", () => {
    const withheld = [{ ...cell, value: null, suppressed: true }];
    expect(derivedFigures([incidents(null), nights(8100)])).toEqual(withheld);
    expect(derivedFigures([incidents(17), nights(null)])).toEqual(withheld);
    expect(derivedFigures([incidents(null), nights(null)])).toEqual(withheld);
    expect(derivedFigures([nights(8100)])).toEqual(withheld);
    expect(derivedFigures([incidents(17)])).toEqual(withheld);
    // A careless source's value beside suppressed: true is not used.
    expect(derivedFigures([{ ...incidents(3), suppressed: true }, nights(8100)])).toEqual(withheld);
    // Incidents by a dimension are not the quarter's total.
    expect(derivedFigures([figure("incidents", "Incidents", "COUNT", 9, "fac-a"), nights(8100)])).toEqual(withheld);
  });

  it("states no rate over no resident-nights", () => {
    expect(derivedFigures([incidents(0), nights(0)])).toEqual([]);
  });
});
