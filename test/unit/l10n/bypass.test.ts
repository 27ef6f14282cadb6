import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanSource, type Finding } from './bypassScanner';

// Fails when a word shown to a person in src/ bypasses l10n (see bypassScanner for what counts as
// shown). The files below are not scanned.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Not user-facing: the test server; the API client, whose messages stay English (see src/util/l10n.ts);
 * the scripted prompts of tests.
 */
const NOT_USER_FACING = ['src/sandbox/', 'src/api/', 'src/ui/TestUserInput.ts'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const skipped = (file: string) => NOT_USER_FACING.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));
const describeFinding = (f: Finding) => `${f.file}:${f.line} ${f.text} — ${f.why}`;

describe('l10n: no shown word bypasses it', () => {
  it('src/ shows no string literal except through t() / vscode.l10n.t()', () => {
    const scanned = sourceFiles('src').filter((f) => !skipped(f));
    assert.ok(scanned.length > 50, `scanned only ${scanned.length} files`);
    const findings = scanned.flatMap((f) => scanSource(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
    assert.deepEqual(findings.map(describeFinding), []);
  });

  it('the scanner finds each kind of bypass, and accepts translated text', () => {
    const source = [
      "import { t } from '../util/l10n';",
      'const eager = t("Loaded at import");',
      'export async function run(ui: any, vscode: any, n: number) {',
      '  await ui.showErrorMessage("Deleting failed", "Show Details");',
      '  await vscode.window.showInformationMessage(`Deleted ${n} organizations`);',
      "  await ui.showQuickPick([{ label: 'Owner', detail: n > 1 ? 'many' : t('one') }], { placeHolder: 'Pick one', title: t('Edit') });",
      "  await ui.showInputBox({ prompt: 'Name of the ' + 'organization', validateInput: () => undefined });",
      "  await withProgress('Loading organizations…', async () => undefined);",
      "  const item = new vscode.TreeItem('Load more'); item.tooltip = 'Click to load';",
      "  if (n < 0) throw new Error(`Organization ${n} is gone`);",
      "  await ui.showWarningMessage(t('Delete {0}?', n), { modal: true, detail: t('It cannot be undone.') }, { title: t('Delete') });",
      "  item.description = '$(sync~spin)'; item.label = `${n}`; item.id = 'letter:A'; item.text = 'Signed in';",
      "  const kinds = { text: 'largeText' };",
      "  // l10n-ignore: an invariant nobody sees",
      "  if (!kinds) throw new Error('No kinds');",
      "  if (!ui) throw new Error('No ui'); // l10n-ignore:",
      "  const org = await targetOrganization(ui, undefined, 'Delete organization');",
      "  vscode.window.setStatusBarMessage(`Copied ${org}`, 4000);",
      '}',
    ].join('\n');
    const found = scanSource('sample.ts', source).map((f) => f.text);
    assert.deepEqual(found, [
      't("Loaded at import")',
      '"Deleting failed"',
      '"Show Details"',
      '`Deleted ${n} organizations`',
      "'Owner'",
      "'many'",
      "'Pick one'",
      "'Name of the '",
      "'organization'",
      "'Loading organizations…'",
      "'Load more'",
      "'Click to load'",
      '`Organization ${n} is gone`',
      "'Signed in'",
      "'No ui'",
      "'Delete organization'",
      '`Copied ${org}`',
    ]);
  });
});
