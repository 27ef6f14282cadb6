import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The manifest's words live in package.nls.json (English) and package.nls.de.json (German): VS Code
// shows a raw `%key%` when a key is missing, and English when a German entry is missing.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const pkg = read('package.json') as { contributes: Record<string, unknown>; displayName: string; description: string };
const nls = read('package.nls.json') as Record<string, string>;
const nlsDe = read('package.nls.de.json') as Record<string, string>;

/** Every string of a JSON value with the property path that leads to it. */
function strings(value: unknown, at: string[] = []): Array<{ at: string; text: string; key: string }> {
  if (typeof value === 'string') return [{ at: at.join('.'), text: value, key: at[at.length - 1] }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...at, String(i)]).map((s) => ({ ...s, key: /^\d+$/.test(s.key) ? at[at.length - 1] : s.key })));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...at, k]));
  return [];
}

/** Properties VS Code shows to a person (the rest are ids, when clauses, icons, paths). */
const SHOWN = new Set(['title', 'label', 'name', 'contextualTitle', 'contents', 'category', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'displayName']);

describe('l10n: manifest', () => {
  it('every shown string of package.json is a %key%', () => {
    const shown = [...strings(pkg.contributes, ['contributes']), ...strings({ displayName: pkg.displayName, description: pkg.description })].filter((s) => SHOWN.has(s.key));
    assert.ok(shown.length > 40, `expected the manifest's strings, found ${shown.length}`);
    assert.deepEqual(shown.filter((s) => !/^%[^%]+%$/.test(s.text)).map((s) => `${s.at}: ${s.text}`), []);
  });

  it('every %key% of package.json has English text in package.nls.json', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(keys.filter((k) => typeof nls[k] !== 'string' || nls[k].trim() === ''), []);
  });

  it('package.nls.de.json has every key of package.nls.json, and no other', () => {
    assert.deepEqual(Object.keys(nls).filter((k) => !nlsDe[k]?.trim()), [], 'missing German');
    assert.deepEqual(Object.keys(nlsDe).filter((k) => !(k in nls)), [], 'German for a key that no longer exists');
  });

  it('German keeps the command links and code spans of the English text', () => {
    for (const [key, en] of Object.entries(nls)) {
      const kept = (s: string) => [...s.matchAll(/\(command:[^)]+\)|`[^`]+`/g)].map((m) => m[0]).sort();
      assert.deepEqual(kept(nlsDe[key] ?? ''), kept(en), key);
    }
  });
});
