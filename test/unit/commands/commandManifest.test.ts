import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../../src/commands/ids';

// The manifest and the command table agree (codeql's command-lint test): every contributed command
// has a handler, every handler is contributed, and each has a category; menus name real commands.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
// Titles and categories are %key% strings resolved from package.nls.json, as VS Code does.
const { localized } = require(path.join(ROOT, 'scripts', 'readmeTables.js')) as { localized: <T>(pkg: T) => T };
const pkg = localized(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')));
const contributed: Array<{ command: string; title: string; category?: string; icon?: string }> = pkg.contributes.commands;

describe('command manifest', () => {
  it('contributes every command of the table', () => {
    const ids = new Set(contributed.map((c) => c.command));
    assert.deepEqual(COMMAND_IDS.filter((id) => !ids.has(id)), []);
  });

  it('has a handler for every contributed command', () => {
    const table = new Set<string>(COMMAND_IDS);
    assert.deepEqual(contributed.map((c) => c.command).filter((id) => !table.has(id)), []);
  });

  it('lists the same ids in the table of src/commands/commandTable.ts', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src', 'commands', 'commandTable.ts'), 'utf8');
    const body = source.slice(source.indexOf('export const commandTable'));
    const inTable = [...body.matchAll(/^\s*'(pipedrive\.[\w.]+)':/gm)].map((m) => m[1]).sort();
    assert.deepEqual(inTable, [...COMMAND_IDS].sort());
  });

  it('gives every command the Pipedrive category and a pipedrive.* id', () => {
    for (const c of contributed) {
      assert.equal(c.category, 'Pipedrive', `${c.command} has no category`);
      assert.match(c.command, /^pipedrive\.[a-zA-Z]+(\.[a-zA-Z]+)?$/);
    }
  });

  it('gives an icon to every command shown in a view menu', () => {
    const menus = pkg.contributes.menus as Record<string, Array<{ command: string; group?: string }>>;
    const inViews = [...(menus['view/title'] ?? []), ...(menus['view/item/context'] ?? []).filter((m) => m.group === 'inline')];
    for (const m of inViews) {
      const c = contributed.find((x) => x.command === m.command);
      assert.ok(c?.icon, `${m.command} shows in a view menu but has no icon`);
    }
  });

  it('names only contributed commands in menus', () => {
    const ids = new Set(contributed.map((c) => c.command));
    const menus = pkg.contributes.menus as Record<string, Array<{ command: string }>>;
    for (const [menu, entries] of Object.entries(menus)) {
      for (const e of entries) assert.ok(ids.has(e.command), `${menu} names ${e.command}, which is not contributed`);
    }
  });

  it('hides node-only commands from the command palette', () => {
    const palette = pkg.contributes.menus.commandPalette as Array<{ command: string; when: string }>;
    for (const id of ['pipedrive.loadMore', 'pipedrive.retry']) {
      assert.equal(palette.find((p) => p.command === id)?.when, 'false', `${id} shows in the palette`);
    }
  });
});
