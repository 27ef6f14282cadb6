// Text from Pipedrive (organization names, addresses) is untrusted. These helpers make it show
// literally wherever it is rendered as markdown (tooltips) and keep one-line labels on one line.

/** Escapes markdown syntax and HTML so `text` renders literally inside a MarkdownString. */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~<>&$"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/^(\s*)(\d+)\./, '$1$2\\.');
}

/**
 * Collapses line breaks and control characters into spaces, and drops bidi overrides, isolates
 * and zero-width characters (U+202A–202E, U+2066–2069, U+200B–200F): a name must not display as
 * another one in a tree label, a prompt or a confirmation.
 */
export function oneLine(text: string): string {
  return String(text ?? '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** Shortens for places with no room (descriptions), counting code points so nothing is cut in half. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
