import { NO_DATA_TEXT, WITHHELD_TEXT, drawable, formatFigure, formatValue } from "./public-report.format";
import { type Html, join, markup } from "./public-report.html";
import type { ReportFigure } from "./public-report.types";

/**
 * Inline SVG charts: drawn here, in TypeScript, into the page; nothing fetched, no script. Each
 * is an `<svg role="img">` with a title and a description that states every value, and the same
 * figures as a table in a `<details>` under it. A withheld figure is a "withheld" mark where its
 * bar would be, never a bar of 0; a missing one says "no data".
 */

/** Okabe–Ito colours (distinguishable with every common colour-vision deficiency). */
export const PALETTE = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  black: "#000000",
  grey: "#6b6b6b",
};

type Unit = ReportFigure["unit"];

/** One bar, column or point: its key (the figure's dimension or quarter), its label, its figure. */
export interface Datum {
  key: string;
  label: string;
  figure: ReportFigure | undefined;
}

interface ChartText {
  /** Element id of the figure; the svg's title and desc ids derive from it. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence; each value is appended. */
  summary: string;
  unit: Unit;
}

const WIDTH = 720;

/** The hatching of a withheld mark: defined once per page (`renderPublicReport` puts it first). */
export const HATCH_DEFS = markup`<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="4" stroke="${PALETTE.grey}" stroke-width="1.5"/></pattern></defs></svg>`;

/** A round axis maximum at or above `max` and its tick step. */
export function niceScale(max: number, unit: Unit): { max: number; step: number } {
  if (unit === "RATE" && max <= 1) return { max: 1, step: 0.2 };
  if (!(max > 0)) return { max: unit === "COUNT" ? 5 : 1, step: unit === "COUNT" ? 1 : 0.2 };
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  let step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10) * magnitude;
  if (unit === "COUNT") step = Math.max(1, Math.round(step));
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

function ticks(scale: { max: number; step: number }): number[] {
  const out: number[] = [];
  for (let v = 0; v <= scale.max + scale.step / 1000; v += scale.step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "Jul 2026: 123; Aug 2026: withheld (fewer than 5)". */
function valuesSentence(data: readonly Datum[]): string {
  return data.map((d) => `${d.label}: ${formatFigure(d.figure)}`).join("; ");
}

function frame(text: ChartText, height: number, body: Html, description: string, table: Html): Html {
  return markup`<figure class="chart" id="${text.id}">
<svg role="img" aria-labelledby="${text.id}-title ${text.id}-desc" viewBox="0 0 ${WIDTH} ${round(height)}" width="${WIDTH}" height="${round(height)}">
<title id="${text.id}-title">${text.title}</title>
<desc id="${text.id}-desc">${description}</desc>
${body}
</svg>
<details><summary>${text.title}: the figures as a table</summary>
${table}
</details>
</figure>`;
}

function dataTable(headers: readonly string[], rows: readonly (readonly string[])[]): Html {
  const head = headers.map((h, i) => markup`<th scope="col"${i ? markup` class="num"` : ""}>${h}</th>`);
  const body = rows.map(
    (row) =>
      markup`<tr>${row.map((cell, i) => (i ? markup`<td class="num">${cell}</td>` : markup`<th scope="row">${cell}</th>`))}</tr>`,
  );
  return markup`<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A mark where a column or point would be: "withheld" (hatched) or "no data", rotated to fit. */
function absentColumn(key: string, label: string, figure: ReportFigure | undefined, x: number, baseline: number): Html {
  const withheld = figure !== undefined;
  const hatch = withheld
    ? markup`<rect class="withheld-mark" x="${round(x - 5)}" y="${round(baseline - 10)}" width="10" height="10" fill="url(#hatch)" stroke="${PALETTE.grey}"/>`
    : "";
  return markup`<g class="${withheld ? "withheld" : "no-data"}" data-key="${key}"><title>${label}: ${formatFigure(figure)}</title>${hatch}<text class="absent" transform="translate(${round(x + 4)} ${round(baseline - 14)}) rotate(-90)">${withheld ? "withheld" : NO_DATA_TEXT}</text></g>`;
}

/** Horizontal grid lines and the value axis' labels of a vertical chart. */
function valueGrid(
  scale: { max: number; step: number },
  unit: Unit,
  margin: { left: number; right: number },
  y: (v: number) => number,
): Html[] {
  const left = margin.left;
  return ticks(scale).map(
    (t) =>
      markup`<line class="grid" x1="${left}" x2="${WIDTH - margin.right}" y1="${round(y(t))}" y2="${round(y(t))}"/><text class="tick" x="${left - 6}" y="${round(y(t) + 4)}" text-anchor="end">${formatValue(t, unit)}</text>`,
  );
}

/**
 * Columns over time (months or quarters), with an optional reference drawn as a line across
 * each column's band (a monthly cap).
 */
export function columnChart(
  text: ChartText & {
    data: readonly Datum[];
    /** What the columns are, for the legend when there is a reference. */
    name: string;
    /** A second figure per column drawn as a line (the cap); same order as `data`. */
    reference?: { name: string; figures: readonly (ReportFigure | undefined)[] };
    /** How the first column of the table is headed. */
    keyHeader: string;
  },
): Html {
  const height = 300;
  const margin = { left: 64, right: 16, top: 20, bottom: 52 };
  const plotWidth = WIDTH - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const values = text.data.map((d) => drawable(d.figure));
  const references = text.reference?.figures.map(drawable) ?? [];
  const scale = niceScale(Math.max(0, ...values.map((v) => v ?? 0), ...references.map((v) => v ?? 0)), text.unit);
  const y = (v: number) => margin.top + plotHeight - (v / scale.max) * plotHeight;
  const baseline = y(0);
  const band = plotWidth / Math.max(1, text.data.length);
  const barWidth = Math.max(4, band * 0.62);
  const showValues = band >= 44;

  const columns = text.data.map((d, i) => {
    const centre = margin.left + band * (i + 0.5);
    const value = values[i];
    if (value === null) return absentColumn(d.key, d.label, d.figure, centre, baseline);
    const top = y(value);
    const label = showValues
      ? markup`<text class="value" x="${round(centre)}" y="${round(top - 4)}" text-anchor="middle">${formatFigure(d.figure)}</text>`
      : "";
    return markup`<g class="column" data-key="${d.key}"><title>${d.label}: ${formatFigure(d.figure)}</title><rect class="bar" data-key="${d.key}" x="${round(centre - barWidth / 2)}" y="${round(top)}" width="${round(barWidth)}" height="${round(baseline - top)}" fill="${PALETTE.blue}"/>${label}</g>`;
  });
  const caps = references.map((value, i) =>
    value === null
      ? ""
      : markup`<line class="reference" data-key="${text.data[i].key}" x1="${round(margin.left + band * i + 1)}" x2="${round(margin.left + band * (i + 1) - 1)}" y1="${round(y(value))}" y2="${round(y(value))}" stroke="${PALETTE.vermillion}" stroke-width="3" stroke-dasharray="6 3"/>`,
  );
  // Months read "Jul" with the year under the first column and under each January.
  const labels = text.data.map((d, i) => {
    const centre = margin.left + band * (i + 0.5);
    const [first, second] = d.label.split(" ");
    const year =
      second && (i === 0 || first === "Jan")
        ? markup`<text class="tick year" x="${round(centre)}" y="${round(baseline + 30)}" text-anchor="middle">${second}</text>`
        : "";
    return markup`<text class="tick" x="${round(centre)}" y="${round(baseline + 16)}" text-anchor="middle">${second ? first : d.label}</text>${year}`;
  });
  const legend = text.reference
    ? markup`<g class="legend" transform="translate(${margin.left} ${height - 8})"><rect x="0" y="-9" width="12" height="10" fill="${PALETTE.blue}"/><text x="18" y="0">${text.name}</text><line x1="260" x2="290" y1="-4" y2="-4" stroke="${PALETTE.vermillion}" stroke-width="3" stroke-dasharray="6 3"/><text x="296" y="0">${text.reference.name}</text></g>`
    : "";
  const body = join([
    valueGrid(scale, text.unit, margin, y),
    markup`<line class="axis" x1="${margin.left}" x2="${WIDTH - margin.right}" y1="${round(baseline)}" y2="${round(baseline)}"/>`,
    columns,
    caps,
    labels,
    legend,
  ]);
  const reference = text.reference;
  const headers = [text.keyHeader, text.name, ...(reference ? [reference.name] : [])];
  const rows = text.data.map((d, i) => [
    d.label,
    formatFigure(d.figure),
    ...(reference ? [formatFigure(reference.figures[i])] : []),
  ]);
  const values_ = text.data.map(
    (d, i) =>
      `${d.label}: ${formatFigure(d.figure)}${reference ? ` (${reference.name}: ${formatFigure(reference.figures[i])})` : ""}`,
  );
  return frame(text, height, body, `${text.summary} ${values_.join("; ")}.`, dataTable(headers, rows));
}

/** Horizontal bars by category (facility, municipality, category, outcome), with an optional marker. */
export function barChart(
  text: ChartText & {
    data: readonly Datum[];
    /** A vertical line at a value: 100% of capacity. */
    marker?: { value: number; label: string };
    keyHeader: string;
    /** Another table column per row (official capacity beside the rate). */
    extra?: { header: string; cells: readonly string[] };
  },
): Html {
  const row = 30;
  const margin = { left: 210, right: 150, top: text.marker ? 26 : 10, bottom: 28 };
  const height = margin.top + margin.bottom + row * Math.max(1, text.data.length);
  const plotWidth = WIDTH - margin.left - margin.right;
  const values = text.data.map((d) => drawable(d.figure));
  const scale = niceScale(Math.max(0, text.marker?.value ?? 0, ...values.map((v) => v ?? 0)), text.unit);
  const x = (v: number) => margin.left + (v / scale.max) * plotWidth;
  const grid = ticks(scale).map(
    (t) =>
      markup`<line class="grid" y1="${margin.top}" y2="${height - margin.bottom}" x1="${round(x(t))}" x2="${round(x(t))}"/><text class="tick" y="${height - margin.bottom + 16}" x="${round(x(t))}" text-anchor="middle">${formatValue(t, text.unit)}</text>`,
  );
  const bars = text.data.map((d, i) => {
    const top = margin.top + row * i;
    const middle = top + row / 2;
    const value = values[i];
    const name = markup`<text class="category" x="${margin.left - 8}" y="${middle + 4}" text-anchor="end">${truncate(d.label, 30)}</text>`;
    const title = markup`<title>${d.label}: ${formatFigure(d.figure)}</title>`;
    if (value === null) {
      const withheld = d.figure !== undefined;
      const hatch = withheld
        ? markup`<rect class="withheld-mark" x="${margin.left}" y="${middle - 6}" width="12" height="12" fill="url(#hatch)" stroke="${PALETTE.grey}"/>`
        : "";
      return markup`<g class="${withheld ? "withheld" : "no-data"}" data-key="${d.key}">${title}${name}${hatch}<text class="absent" x="${margin.left + (withheld ? 18 : 4)}" y="${middle + 4}">${withheld ? WITHHELD_TEXT : NO_DATA_TEXT}</text></g>`;
    }
    const end = x(value);
    return markup`<g class="row" data-key="${d.key}">${title}${name}<rect class="bar" data-key="${d.key}" x="${margin.left}" y="${top + 5}" width="${round(end - margin.left)}" height="${row - 10}" fill="${PALETTE.blue}"/><text class="value" x="${round(end + 6)}" y="${middle + 4}">${formatFigure(d.figure)}</text></g>`;
  });
  const marker = text.marker
    ? markup`<g class="marker"><line x1="${round(x(text.marker.value))}" x2="${round(x(text.marker.value))}" y1="${margin.top - 6}" y2="${height - margin.bottom}" stroke="${PALETTE.black}" stroke-width="2" stroke-dasharray="4 3"/><text x="${round(x(text.marker.value))}" y="${margin.top - 10}" text-anchor="middle">${text.marker.label}</text></g>`
    : "";
  const body = join([
    grid,
    markup`<line class="axis" x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${height - margin.bottom}"/>`,
    bars,
    marker,
  ]);
  const extra = text.extra;
  const headers = [text.keyHeader, "Value", ...(extra ? [extra.header] : [])];
  const rows = text.data.map((d, i) => [
    d.label,
    formatFigure(d.figure),
    ...(extra ? [extra.cells[i] ?? NO_DATA_TEXT] : []),
  ]);
  return frame(text, height, body, `${text.summary} ${valuesSentence(text.data)}.`, dataTable(headers, rows));
}

/** One line over the quarters; several share the axis (distinct colour, dash and marker shape). */
export interface Series {
  name: string;
  /** One per category, in order. */
  figures: readonly (ReportFigure | undefined)[];
}

const SERIES_STYLES = [
  { colour: PALETTE.blue, dash: "", shape: "circle" },
  { colour: PALETTE.orange, dash: "6 4", shape: "square" },
  { colour: PALETTE.green, dash: "2 3", shape: "diamond" },
] as const;

function pointMark(shape: string, cx: number, cy: number, colour: string): Html {
  if (shape === "square") {
    return markup`<rect x="${round(cx - 4)}" y="${round(cy - 4)}" width="8" height="8" fill="${colour}"/>`;
  }
  if (shape === "diamond") {
    return markup`<path d="M${round(cx)} ${round(cy - 5)}L${round(cx + 5)} ${round(cy)}L${round(cx)} ${round(cy + 5)}L${round(cx - 5)} ${round(cy)}Z" fill="${colour}"/>`;
  }
  return markup`<circle cx="${round(cx)}" cy="${round(cy)}" r="4.5" fill="${colour}"/>`;
}

/** Lines over categories (quarters): a gap where a figure is withheld or missing, marked. */
export function lineChart(text: ChartText & { categories: readonly string[]; series: readonly Series[] }): Html {
  const height = 260;
  const margin = { left: 72, right: 24, top: 20, bottom: text.series.length > 1 ? 54 : 36 };
  const plotWidth = WIDTH - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const values = text.series.map((s) => s.figures.map(drawable));
  const scale = niceScale(Math.max(0, ...values.flat().map((v) => v ?? 0)), text.unit);
  const band = plotWidth / Math.max(1, text.categories.length);
  const cx = (i: number) => margin.left + band * (i + 0.5);
  const y = (v: number) => margin.top + plotHeight - (v / scale.max) * plotHeight;
  const baseline = y(0);
  const lines = text.series.map((s, k) => {
    const style = SERIES_STYLES[k % SERIES_STYLES.length];
    const dash = style.dash ? markup` stroke-dasharray="${style.dash}"` : "";
    const segments: string[] = [];
    values[k].forEach((v, i) => {
      const previous = i > 0 ? values[k][i - 1] : null;
      if (v !== null && previous !== null) {
        segments.push(`M${round(cx(i - 1))} ${round(y(previous))}L${round(cx(i))} ${round(y(v))}`);
      }
    });
    const path = segments.length
      ? markup`<path d="${segments.join("")}" fill="none" stroke="${style.colour}" stroke-width="2.5"${dash}/>`
      : "";
    const points = values[k].map((v, i) => {
      const category = text.categories[i];
      if (v !== null) {
        return markup`<g class="point" data-key="${category}"><title>${s.name}, ${category}: ${formatFigure(s.figures[i])}</title>${pointMark(style.shape, cx(i), y(v), style.colour)}</g>`;
      }
      // One "no data" where no series has a figure; otherwise a mark per series that lacks one.
      return k === 0 || text.series.some((other) => other.figures[i] !== undefined)
        ? absentColumn(category, `${s.name}, ${category}`, s.figures[i], cx(i) + k * 16, baseline)
        : "";
    });
    return markup`<g class="series" data-series="${s.name}">${path}${points}</g>`;
  });
  const labels = text.categories.map(
    (c, i) =>
      markup`<text class="tick" x="${round(cx(i))}" y="${round(baseline + 16)}" text-anchor="middle">${c}</text>`,
  );
  const legend =
    text.series.length > 1
      ? markup`<g class="legend" transform="translate(${margin.left} ${height - 8})">${text.series.map((s, k) => {
          const style = SERIES_STYLES[k % SERIES_STYLES.length];
          const left = k * 220;
          const dash = style.dash ? markup` stroke-dasharray="${style.dash}"` : "";
          return markup`<line x1="${left}" x2="${left + 28}" y1="-4" y2="-4" stroke="${style.colour}" stroke-width="2.5"${dash}/>${pointMark(style.shape, left + 14, -4, style.colour)}<text x="${left + 34}" y="0">${truncate(s.name, 28)}</text>`;
        })}</g>`
      : "";
  const body = join([
    valueGrid(scale, text.unit, margin, y),
    markup`<line class="axis" x1="${margin.left}" x2="${WIDTH - margin.right}" y1="${round(baseline)}" y2="${round(baseline)}"/>`,
    lines,
    labels,
    legend,
  ]);
  const headers = ["Quarter", ...text.series.map((s) => s.name)];
  const rows = text.categories.map((c, i) => [c, ...text.series.map((s) => formatFigure(s.figures[i]))]);
  const description = text.series
    .map((s) => `${s.name}: ${text.categories.map((c, i) => `${c} ${formatFigure(s.figures[i])}`).join(", ")}`)
    .join(". ");
  return frame(text, height, body, `${text.summary} ${description}.`, dataTable(headers, rows));
}
