/** A plain figure such as -2, 1,234 or 12.5% cannot be a formula, so it is left as it is. */
const FIGURE = /^[-+]?\d[\d,]*(\.\d+)?%?$/;

/**
 * Text for a CSV cell that a spreadsheet will not run: a field starting with = + - @ (or a tab or
 * carriage return) is a formula to Excel, so such text is prefixed with an apostrophe (CSV
 * injection, OWASP). Every CSV the service writes uses this one rule.
 */
export const neutraliseFormula = (value: string) =>
  /^[=+\-@\t\r]/.test(value) && !FIGURE.test(value) ? `'${value}` : value;
