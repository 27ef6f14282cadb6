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
