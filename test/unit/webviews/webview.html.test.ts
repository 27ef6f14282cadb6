// The HTML shell: exact CSP, a strong nonce on every script and style element, no handlers or
// style attributes, and inline code that cannot end its element early.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildPanelHtml, contentSecurityPolicy, createNonce } from '../../../src/webviews/html';
import { readPanelAssets } from '../../../src/webviews/panelAssets';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

/**
 * The markup as the HTML parser sees it: a script or style element's text ends at the first `</`
 * + its tag name, so everything before that is text, whatever tags it seems to hold.
 */
function markup(html: string): string {
  return html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?<\/\2>/gi, '$1</$2>');
}

function build(nonce = createNonce()) {
  return {
    nonce,
    html: buildPanelHtml({
      cspSource: CSP_SOURCE,
      nonce,
      // A string that would close the element if it went in as it is.
      script: 'const s = "</script><script>alert(1)</script>", c = "<!--<script>"; document.title = s + c;',
      styles: ['.a::after { content: "</style><script>alert(2)</script>"; }', fs.readFileSync(path.join(__dirname, '../../../../media/panels.css'), 'utf8')],
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
      `default-src 'none'; style-src 'nonce-${nonce}'; font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE} data:; script-src 'nonce-${nonce}'`,
    );
    assert.strictEqual(contentSecurityPolicy('X', 'N'), "default-src 'none'; style-src 'nonce-N'; font-src X; img-src X data:; script-src 'nonce-N'");
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  });

  it('puts the nonce on every script and style element; the nonce is 32+ random bytes in base64', () => {
    const { html, nonce } = build();
    assert.match(nonce, /^[A-Za-z0-9+/]{43}=$/);
    assert.ok(Buffer.from(nonce, 'base64').length >= 32);
    const elements = markup(html).match(/<(script|style)\b[^>]*>/g) ?? [];
    assert.strictEqual(elements.length, 3, 'the script and two style sheets');
    for (const s of elements) assert.ok(s.includes(`nonce="${nonce}"`), s);
    assert.ok(!/<link\b/.test(html), 'nothing linked: the page needs no file before it runs');
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.strictEqual(nonces.size, 50);
  });

  it('has no inline handlers or style attributes', () => {
    const { html } = build();
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'inline event handler');
    assert.ok(!/\sstyle\s*=/.test(html), 'style attribute');
    assert.ok(!/javascript:/i.test(html));
  });

  it('inline code cannot close its element: a "</script>" or "</style>" in it is written <\\/', () => {
    const { html, nonce } = build();
    // As the parser reads it: two style sheets and one script, the payloads' tags being text.
    const style = `<style nonce="${nonce}">`;
    assert.deepStrictEqual(markup(html).match(/<\/?(script|style)\b[^>]*>/g), [style, '</style>', style, '</style>', `<script nonce="${nonce}">`, '</script>']);
    assert.ok(html.includes('const s = "\\x3C/script><script>alert(1)\\x3C/script>", c = "\\x3C!--<script>"'), 'the script text, escaped');
    // And the escaped script still means the same string.
    const inner = /<script nonce="[^"]+">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const doc = { title: '' };
    new Function('document', inner)(doc);
    assert.strictEqual(doc.title, '</script><script>alert(1)</script><!--<script>');
    assert.ok(html.includes('content: "<\\/style><script>alert(2)</script>"'), 'the style text, escaped');
  });

  it('reads the built script and sheets once and points their relative URLs at the webview', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-assets-'));
    fs.writeFileSync(path.join(dir, 'flow.js'), '(() => {})();\n//# sourceMappingURL=flow.js.map\n');
    fs.writeFileSync(path.join(dir, 'codicon.css'), '@font-face { src: url("./codicon.ttf?abc123") format("truetype"); }');
    fs.writeFileSync(path.join(dir, 'panels.css'), '.x { color: red; }');
    const asUri = (f: string) => `https://cdn.example/ext/media/${f}`;
    const assets = readPanelAssets(dir, 'flow', asUri);
    assert.strictEqual(assets.script, '(() => {})();\n//# sourceMappingURL=https://cdn.example/ext/media/flow.js.map\n');
    assert.deepStrictEqual(assets.styles, ['@font-face { src: url("https://cdn.example/ext/media/codicon.ttf?abc123") format("truetype"); }', '.x { color: red; }']);
    // Built files do not change while the extension runs: the second panel reads no file.
    fs.rmSync(dir, { recursive: true });
    assert.deepStrictEqual(readPanelAssets(dir, 'flow', asUri), assets);
  });

  it('the first frame is a skeleton drawn by CSS alone, before the script and with no record data', () => {
    const { html } = build();
    const root = /<main id="root"[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
    assert.ok(/class="skeleton"/.test(root), 'no skeleton in the shell');
    assert.ok((root.match(/class="skeleton-line/g) ?? []).length >= 2, 'no placeholder lines');
    assert.ok(markup(html).indexOf('class="skeleton"') < markup(html).indexOf('<script'), 'the skeleton comes before the script');
    // Only fixed words in the shell: the org id is a data attribute, never text.
    assert.deepStrictEqual(root.replace(/<[^>]*>/g, '').trim(), 'Loading…');
    // The style sheets are inline in <head>, so the placeholders paint styled in frame one.
    const head = /<head>([\s\S]*)<\/head>/.exec(html)?.[1] ?? '';
    assert.match(head, /<style nonce="[^"]+">[^<]*\.skeleton-line\s*\{[^}]*background:/);
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
