import type { ReportFigure } from "./public-report.types";

/** What a withheld figure reads as, wherever it appears. */
export const WITHHELD_TEXT = "withheld (fewer than 5)";
/** A figure the statistics did not publish for that quarter (or not yet). */
export const NO_DATA_TEXT = "no data";

const LOCALE = "en-GB";
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A value of a unit, for people: "1,234", "87.5%", "36.5 h", "12 days", "2.35 per 1,000". */
export function formatValue(value: number, unit: ReportFigure["unit"]): string {
  switch (unit) {
    case "COUNT":
      return Number.isInteger(value) ? whole.format(value) : oneDecimal.format(value);
    case "RATE":
      return `${oneDecimal.format(value * 100)}%`;
    case "HOURS":
      return `${oneDecimal.format(value)} h`;
    case "DAYS":
      return `${oneDecimal.format(value)} ${value === 1 ? "day" : "days"}`;
    case "PER_THOUSAND":
      return `${twoDecimals.format(value)} per 1,000`;
  }
}

/** A figure's value as printed; a withheld figure never shows a number, whatever it carries. */
export function formatFigure(figure: ReportFigure | undefined): string {
  if (!figure) return NO_DATA_TEXT;
  if (figure.suppressed || figure.value === null) return WITHHELD_TEXT;
  return formatValue(figure.value, figure.unit);
}

/** The number a chart may draw: null when withheld or missing (never 0 in their place). */
export function drawable(figure: ReportFigure | undefined): number | null {
  return figure && !figure.suppressed && figure.value !== null && Number.isFinite(figure.value) ? figure.value : null;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-07" → "Jul 2026"; anything else as it is. */
export function formatMonthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}` : month;
}

/** An ISO instant as "3 December 2026, 14:05 UTC". */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
  return `${day.format(date)}, ${time.format(date)} UTC`;
}
