import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeCounts } from '../../../src/commands/mergeSummary';
import { searchHint } from '../../../src/commands/pickOrganization';
import { emptyText } from '../../../src/tree/labels';
import { shortReason } from '../../../src/util/errors';
import { format, formatNumber, setTranslator, t } from '../../../src/util/l10n';
import { activityRow, dealRow, headerView } from '../../../src/webviews/details/detailsData';
import { DisplayNames } from '../../../src/webviews/DisplayNames';

// The host's words: l10n/bundle.l10n.json is what scripts/l10nBundle.js collects from src/ and
// media/ (run `npm run l10n` after adding or changing a t('…') message), and the German bundle
// translates every message, keeping its {placeholders}.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\d+|[A-Za-z_]\w*)\}/g)].map((m) => m[0]).sort();

describe('l10n: bundles', () => {
  it('l10n/bundle.l10n.json is what `npm run l10n` generates from src/ and media/', () => {
    const generator = require(path.join(ROOT, 'scripts', 'l10nBundle.js')) as { collect(): Record<string, string>; render(b: Record<string, string>): string };
    const bundle = generator.collect();
    assert.ok(Object.keys(bundle).length > 200, `only ${Object.keys(bundle).length} messages collected`);
    assert.equal(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'), generator.render(bundle));
  });

  it('the generator collects t() / l10n.t() messages, lets a forwarding wrapper pass, and refuses a message it cannot read', () => {
    const generator = require(path.join(ROOT, 'scripts', 'l10nBundle.js')) as { collect(root: string): Record<string, string> };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.mkdirSync(path.join(dir, 'media'));
      fs.writeFileSync(path.join(dir, 'src', 'a.ts'), "import { t } from './util/l10n';\nexport const f = (n: number) => [t('Deleted {0}', n), t(`Plain`)];\nconst other = { t: (x: string) => x };\nother.t(String(1));\n");
      fs.writeFileSync(path.join(dir, 'media', '_l10n.ts'), "import * as l10n from '@vscode/l10n';\nexport const t = (message: string, ...args: string[]) => l10n.t(message, ...args);\n");
      fs.writeFileSync(path.join(dir, 'media', 'page.ts'), "import { t } from './_l10n';\nexport const x = () => t('Flow');\n");
      assert.deepEqual(generator.collect(dir), { 'Deleted {0}': 'Deleted {0}', Flow: 'Flow', Plain: 'Plain' });
      fs.writeFileSync(path.join(dir, 'media', 'bad.ts'), "import { t } from './_l10n';\nconst LABELS = { a: 'A' };\nexport const y = () => t(LABELS.a);\n");
      assert.throws(() => generator.collect(dir), /media[\\/]bad\.ts:3: the message of t\(\) must be a string literal/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('l10n/bundle.l10n.de.json translates every message, with the same placeholders', () => {
    const en = readJson('l10n/bundle.l10n.json');
    const de = readJson('l10n/bundle.l10n.de.json');
    assert.deepEqual(Object.keys(en).filter((k) => typeof de[k] !== 'string' || de[k].trim() === ''), [], 'messages without German');
    for (const key of Object.keys(en)) assert.deepEqual(placeholders(de[key]), placeholders(key), `placeholders of ${JSON.stringify(key)}`);
  });

  it('package.json ships the bundles: "l10n" points at the folder and the .vsix keeps it', () => {
    const pkg = readJson('package.json') as unknown as { l10n?: string };
    assert.equal(pkg.l10n, './l10n');
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const kept of ['!package.nls.json', '!package.nls.*.json', '!l10n/*.json']) assert.ok(ignore.includes(kept), kept);
  });
});

describe('l10n: t()', () => {
  afterEach(() => setTranslator(undefined));

  it('formats English as vscode.l10n.t does: {n} is the n-th argument, a missing one stays', () => {
    assert.equal(t('Deleted {0} of {1} organizations. Not deleted: {2}.', 2, 3, '"Acme"'), 'Deleted 2 of 3 organizations. Not deleted: "Acme".');
    assert.equal(t('Keep "{0}" (merge "{1}" into "{0}")', 'Beta', 'Alpha'), 'Keep "Beta" (merge "Alpha" into "Beta")');
    assert.equal(format('{0} and {1}', ['one']), 'one and {1}');
    assert.equal(formatNumber(1250), '1,250');
  });

  it('goes through the translator the host sets (vscode.l10n.t), with the message and its arguments', () => {
    const de = readJson('l10n/bundle.l10n.de.json');
    setTranslator((message, ...args) => format(de[message] ?? message, args));
    assert.equal(t('Delete the organization "{0}"?', 'Acme'), 'Die Organisation „Acme“ löschen?');
  });

  it('speaks German through the real code paths once the host hands over a German translator', () => {
    const de = readJson('l10n/bundle.l10n.de.json');
    setTranslator((message, ...args) => format(de[message] ?? message, args), 'de');
    assert.equal(formatNumber(1250), '1.250');
    assert.equal(shortReason({ name: 'PipedriveError', kind: 'server', status: 502 }), 'Pipedrive-Fehler (502)');
    assert.equal(emptyText('persons'), 'Keine Personen');
    assert.equal(describeCounts({ persons: 3, deals: 1, activities: 0, files: undefined, followers: 2 }), '3 Personen, 1 Deal, 0 Aktivitäten, ? Dateien, 2 Follower');
    assert.match(searchHint('a', false) ?? '', /^Geben Sie mindestens 2 Zeichen ein/);
    // The Details header's counters and the rows' badges.
    const header = headerView({ id: 1, name: 'Acme', people_count: 1, open_deals_count: 2, email_messages_count: 3 } as never, new DisplayNames([], []), undefined, 'de');
    assert.deepStrictEqual(header.counts.map((c) => `${c.value} ${c.label}`), ['1 Person', '2 offene Deals', '3 E-Mails']);
    assert.equal(activityRow({ id: 1, subject: 'Call', done: false } as never, new DisplayNames([], [])).badge, 'offen');
    assert.equal(dealRow({ id: 1, title: 'Big', status: 'won', update_time: '2025-01-02 03:04:05' } as never, new DisplayNames([], []), 'de').badge, 'gewonnen');
  });
});
