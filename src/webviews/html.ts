// The HTML shell of every panel: a strict CSP with a per-load nonce, the panel's one script and its
// styles, both inline (panelAssets.ts says why) and admitted by the nonce alone. No record data ever
// goes into this string; it reaches the page only through postMessage.
import { randomBytes } from 'crypto';

/** 32 random bytes in base64: 44 characters, never Math.random. */
export function createNonce(): string {
  return randomBytes(32).toString('base64');
}

/** The Content-Security-Policy of every panel. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // Only the shell's own <style> elements: no style attributes, no sheets from anywhere else.
    `style-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    // No remote images: a record's picture URL would tell a third party who looked at it and when.
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export interface PanelHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** The panel script's text (dist/media/<panel>.js), put inline. */
  script: string;
  /** The style sheets' texts, in order, put inline. */
  styles: string[];
  /** Plain data attributes for <body> (numbers and fixed words only: they are escaped anyway). */
  bodyData?: Record<string, string | number>;
  /** Accessible name of the document (escaped). */
  title: string;
  /** The display language (vscode.env.language) for <html lang>; English when absent. */
  lang?: string;
  /** VS Code's l10n bundle for the display language (vscode.l10n.bundle); undefined in English. */
  l10nBundle?: Record<string, string>;
  /** The skeleton's "Loading…" in the display language. */
  loadingText?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML attribute or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The first frame, before the script runs: grey placeholder lines and "Loading…". Fixed markup, no
 * record data; the page script replaces it.
 */
const skeleton = (text: string) =>
  `<div class="skeleton" role="status"><span class="skeleton-text">${escapeHtml(text)}</span><div class="skeleton-line wide"></div><div class="skeleton-line"></div><div class="skeleton-line"></div></div>`;

/**
 * The l10n bundle as a JSON data block (type application/json is never run). `<` is escaped so no
 * string in it can close the element. `nonceAttr` is the nonce already escaped for an attribute.
 */
function l10nBlock(bundle: Record<string, string> | undefined, nonceAttr: string): string {
  if (!bundle || Object.keys(bundle).length === 0) return '';
  const json = JSON.stringify(bundle).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `\n    <script type="application/json" id="l10n-bundle" nonce="${nonceAttr}">${json}</script>`;
}

/**
 * Text for the inside of a <script> or <style> element. The HTML parser ends the element at the
 * first `</` + its tag name, and in a script `<!--` starts a state where even that may not end it.
 * Both become `\x3C…`, which means `<` in JavaScript strings, templates and regular expressions
 * (and, in a comment, nothing); in CSS `</style` becomes `<\/style`, the same in a CSS string.
 */
export function inlineText(text: string, tag: 'script' | 'style'): string {
  return tag === 'script' ? text.replace(/<(\/script|!--)/gi, '\\x3C$1') : text.replace(/<\/(style)/gi, '<\\/$1');
}

export function buildPanelHtml(o: PanelHtmlOptions): string {
  const csp = contentSecurityPolicy(o.cspSource, o.nonce);
  const nonce = escapeHtml(o.nonce);
  const styles = o.styles.map((css) => `<style nonce="${nonce}">${inlineText(css, 'style')}</style>`).join('\n    ');
  const data = Object.entries(o.bodyData ?? {})
    .filter(([k]) => /^[a-z][a-z0-9-]*$/.test(k))
    .map(([k, v]) => ` data-${k}="${escapeHtml(String(v))}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(/^[A-Za-z0-9-]{1,35}$/.test(o.lang ?? '') ? o.lang! : 'en')}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(o.title)}</title>
  </head>
  <body${data}>
    <main id="root" aria-busy="true">${skeleton(o.loadingText ?? 'Loading…')}</main>${l10nBlock(o.l10nBundle, nonce)}
    <script nonce="${nonce}">${inlineText(o.script, 'script')}</script>
  </body>
</html>`;
}
