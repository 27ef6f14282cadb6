// The HTML shell: exact CSP, a strong nonce on every script, nothing inline.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildPanelHtml, contentSecurityPolicy, createNonce } from '../../../src/webviews/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function build(nonce = createNonce()) {
  return {
    nonce,
    html: buildPanelHtml({
      cspSource: CSP_SOURCE,
      nonce,
      scriptUri: `${CSP_SOURCE}/ext/dist/media/details.js`,
      styleUris: [`${CSP_SOURCE}/ext/dist/media/codicon.css`, `${CSP_SOURCE}/ext/dist/media/panels.css`],
      bodyData: { 'org-id': 42, panel: 'details' },
      title: 'Organization <details>',
    }),
  };
}

describe('webview HTML', () => {
  it('has exactly the strict CSP', () => {
    const { html, nonce } = build();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.strictEqual(
      csp,
      `default-src 'none'; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE} data:; script-src 'nonce-${nonce}'`,
    );
    assert.strictEqual(contentSecurityPolicy('X', 'N'), "default-src 'none'; style-src X; font-src X; img-src X data:; script-src 'nonce-N'");
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  });

  it('puts the nonce on every script tag; the nonce is 32+ random bytes in base64', () => {
    const { html, nonce } = build();
    assert.match(nonce, /^[A-Za-z0-9+/]{43}=$/);
    assert.ok(Buffer.from(nonce, 'base64').length >= 32);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length >= 1);
    for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), s);
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.strictEqual(nonces.size, 50);
  });

  it('has no inline handlers, inline scripts or inline styles', () => {
    const { html } = build();
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'inline event handler');
    assert.ok(!/<script\b[^>]*>\s*[^<\s]/.test(html), 'inline script body');
    assert.ok(!/\sstyle\s*=/.test(html), 'inline style');
    assert.ok(!/javascript:/i.test(html));
  });

  it('the first frame is a skeleton drawn by CSS alone, before the script and with no record data', () => {
    const { html } = build();
    const root = /<main id="root"[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
    assert.ok(/class="skeleton"/.test(root), 'no skeleton in the shell');
    assert.ok((root.match(/class="skeleton-line/g) ?? []).length >= 2, 'no placeholder lines');
    assert.ok(html.indexOf('class="skeleton"') < html.indexOf('<script'), 'the skeleton comes after the script');
    // Only fixed words in the shell: the org id is a data attribute, never text.
    assert.deepStrictEqual(root.replace(/<[^>]*>/g, '').trim(), 'Loading…');
    // Style sheets are render-blocking links in <head>, so the placeholders paint styled in frame one.
    const head = /<head>([\s\S]*)<\/head>/.exec(html)?.[1] ?? '';
    assert.match(head, /<link rel="stylesheet" href="[^"]*panels\.css">/);
    const css = fs.readFileSync(path.join(__dirname, '../../../../media/panels.css'), 'utf8');
    assert.match(css, /\.skeleton-line\s*\{[^}]*background:/);
  });

  it('escapes the title and data attributes', () => {
    const { html } = build();
    assert.ok(html.includes('<title>Organization &lt;details&gt;</title>'));
    assert.ok(html.includes('data-org-id="42"'));
  });

  it('the webview scripts never use innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const media = path.join(__dirname, '../../../../media');
    for (const f of fs.readdirSync(media).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(media, f), 'utf8');
      assert.ok(!/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write/.test(text), `${f} writes HTML`);
    }
  });
});
