// The questions of "Export Organizations…", asked through UserInput so tests answer them by script:
// what (unless the tree node says), which fields (only when the local index could answer alone),
// the format, and the file. No vscode import at run time.
import type { QuickPickItem } from 'vscode';
import type { UserInput } from '../ui/UserInput';
import type { ExportFormat } from './exporter';

/** What an export covers. A letter and the scope follow the tree's owner scope and filter. */
export type ExportTarget =
  | { readonly kind: 'letter'; readonly group: string }
  | { readonly kind: 'scope' }
  | { readonly kind: 'selection'; readonly ids: readonly number[] }
  | { readonly kind: 'everything' };

export const TITLE = 'Export Organizations';

export interface WhatChoices {
  /** "Owner: Rita" / "Filter: Customers" when a scope is set; undefined: no scope to offer. */
  readonly scope?: string;
  /** Organizations selected in the tree (0: not offered). */
  readonly selected: readonly number[];
  /** The root groups to offer, with counts when known. */
  readonly letters: readonly { key: string; count?: number }[];
}

interface Choice<T> extends QuickPickItem {
  readonly value: T;
}

export const WHAT = { everything: 'Everything', scope: 'Current scope', selection: 'Selection', letter: 'A letter…' } as const;

/** Asks what to export (palette, view title). */
export async function askWhat(ui: UserInput, choices: WhatChoices): Promise<ExportTarget> {
  const items: Choice<ExportTarget | 'letter'>[] = [{ label: WHAT.everything, description: 'every organization', value: { kind: 'everything' } }];
  if (choices.scope) items.push({ label: WHAT.scope, description: choices.scope, value: { kind: 'scope' } });
  if (choices.selected.length > 0) {
    items.push({ label: WHAT.selection, description: plural(choices.selected.length, 'selected organization'), value: { kind: 'selection', ids: choices.selected } });
  }
  items.push({ label: WHAT.letter, description: choices.scope ? `within ${choices.scope}` : undefined, value: 'letter' });
  const picked = await ui.showQuickPick(items, { title: TITLE, placeHolder: 'What to export' });
  if (picked.value !== 'letter') return picked.value;
  const letter = await ui.showQuickPick(
    choices.letters.map((l) => ({ label: l.key, description: l.count === undefined ? undefined : plural(l.count, 'organization') })),
    { title: TITLE, placeHolder: 'Which letter' },
  );
  return { kind: 'letter', group: letter.label };
}

export const FIELDS = { indexed: 'Fields of the local index', all: 'All fields' } as const;

/**
 * The local index keeps no custom fields, counters or address parts: ask whether its fields are
 * enough (no request) or Pipedrive should be read for all of them.
 */
export async function askIndexOrAllFields(ui: UserInput, pages: number): Promise<'index' | 'server'> {
  const picked = await ui.showQuickPick(
    [
      { label: FIELDS.indexed, description: 'no requests', detail: 'ID, name, owner, labels, visibility, address, city, created, updated', value: 'index' as const },
      { label: FIELDS.all, description: `reads ${plural(pages, 'page')} from Pipedrive`, detail: 'custom fields by name, address parts, website, counts', value: 'server' as const },
    ],
    { title: TITLE, placeHolder: 'Which fields' },
  );
  return picked.value;
}

export const FORMATS = { csv: 'CSV', jsonl: 'JSON Lines' } as const;

export async function askFormat(ui: UserInput): Promise<ExportFormat> {
  const picked = await ui.showQuickPick(
    [
      { label: FORMATS.csv, description: 'UTF-8 with BOM, opens in spreadsheets', value: 'csv' as const },
      { label: FORMATS.jsonl, description: 'one JSON object per line', value: 'jsonl' as const },
    ],
    { title: TITLE, placeHolder: 'Format' },
  );
  return picked.value;
}

/** The file name offered in the save dialog. */
export function defaultFileName(target: ExportTarget, format: ExportFormat): string {
  const what =
    target.kind === 'letter' ? `letter-${target.group.replace(/[^\p{L}\p{N}]/gu, '_')}` : target.kind === 'everything' ? 'all' : target.kind;
  return `organizations-${what}.${format === 'csv' ? 'csv' : 'jsonl'}`;
}

export function askFile(ui: UserInput, defaultPath: string, format: ExportFormat): Promise<string> {
  const filters: Record<string, string[]> = format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] };
  return ui.showSaveDialog({ title: `${TITLE}: Save As`, defaultPath, filters });
}

export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
