/**
 * HTML built from templates whose every interpolated value is escaped, unless it is markup this
 * module built itself (`Html`). Labels, names and findings are data: none reaches the page raw.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function piece(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/**
 * A template of markup: strings and numbers interpolated into it are escaped. Not named `html`,
 * so that Prettier leaves the templates' whitespace as written.
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0];
  values.forEach((value, i) => {
    text += piece(value) + strings[i + 1];
  });
  return new Html(text);
}

/** Markup joined. */
export function join(parts: readonly HtmlValue[]): Html {
  return new Html(piece(parts));
}

/** A fragment identifier from data: only [a-z0-9-]. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "x"
  );
}
