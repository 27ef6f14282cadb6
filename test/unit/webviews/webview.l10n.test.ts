// The panels in another language: every string the webviews and their hosts show goes through
// l10n and has a German translation; the bundle reaches the page as inert JSON in the shell.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FLOW_TYPE_LABELS } from '../../../src/webviews/flow/flowModel';
import { buildPanelHtml } from '../../../src/webviews/html';

const ROOT = path.join(__dirname, '../../../..');

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The literal messages of t('…') / t("…") (media) and vscode.l10n.t('…') (host). */
function messages(file: string, call: RegExp): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(call)].map((m) => m[2].replace(/\\'/g, "'"));
}

describe('webview localization', () => {
  const de = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

  it('every string the panels show has a German translation', () => {
    const media = filesIn(path.join(ROOT, 'media')).flatMap((f) => messages(f, /\bt\((['"])((?:\\.|(?!\1).)*)\1/g));
    const host = filesIn(path.join(ROOT, 'src', 'webviews')).flatMap((f) => messages(f, /l10n\.t\((['"])((?:\\.|(?!\1).)*)\1/g));
    const all = [...new Set([...media, ...host, ...Object.values(FLOW_TYPE_LABELS)])];
    assert.ok(media.length > 50 && host.length > 10, `found ${media.length} webview and ${host.length} host strings`);
    const missing = all.filter((m) => typeof de[m] !== 'string' || de[m].length === 0);
    assert.deepStrictEqual(missing, []);
    for (const m of all.filter((x) => /\{\d\}/.test(x))) assert.deepStrictEqual(de[m].match(/\{\d\}/g)?.sort(), m.match(/\{\d\}/g)?.sort(), m);
  });

  it('the bundle reaches the page as a JSON data block that no string can break out of, with the display language', () => {
    const html = buildPanelHtml({
      cspSource: 'https://x',
      nonce: 'N'.repeat(43) + '=',
      script: '',
      styles: [],
      title: 'Flow',
      lang: 'de',
      l10nBundle: { 'Loading…': 'Wird geladen…', evil: '</script><script>alert(1)</script>' },
      loadingText: 'Wird geladen…',
    });
    assert.match(html, /<html lang="de">/);
    const block = /<script type="application\/json" id="l10n-bundle" nonce="[^"]+">([^<]*)<\/script>/.exec(html);
    assert.ok(block, 'no l10n block');
    assert.deepStrictEqual(JSON.parse(block[1]).evil, '</script><script>alert(1)</script>');
    assert.strictEqual((html.match(/<script/g) ?? []).length, 2, 'the bundle opened another script');
    assert.match(html, /<span class="skeleton-text">Wird geladen…<\/span>/);
    // English: no block at all, and a bad language tag falls back to en.
    const en = buildPanelHtml({ cspSource: 'https://x', nonce: 'N', script: '', styles: [], title: 'F', lang: '"><x', l10nBundle: undefined });
    assert.ok(!en.includes('l10n-bundle'));
    assert.match(en, /<html lang="en">/);
  });
});
