// Text from Pipedrive shown in the tree, prompts, confirmations and panels. Bidi overrides and
// isolates (U+202A–202E, U+2066–2069) can make "Acme" display as something else, and zero-width
// characters (U+200B–200F) hide differences between names: both are removed before display.

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;
// C0 controls other than tab, newline and carriage return: they have no place in a name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Any value as display text: bidi, zero-width and control characters removed; non-text → ''. */
export function safeText(value: unknown): string {
  if (typeof value === 'string') return value.replace(INVISIBLE, '').replace(CONTROL, '');
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** safeText on one line (newlines and tabs become spaces), for labels, prompts and titles. */
export function safeLine(value: unknown): string {
  return safeText(value).replace(/[\r\n\t]+/g, ' ');
}
