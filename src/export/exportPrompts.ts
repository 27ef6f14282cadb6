// The questions of "Export Organizations…", asked through UserInput so tests answer them by script:
// what (unless the tree node says), which fields (only when the local index could answer alone),
// the format, and the file. No vscode import at run time.
import type { QuickPickItem } from 'vscode';
import type { UserInput } from '../ui/UserInput';
import type { ExportFormat } from './exporter';
import { formatNumber, t } from '../util/l10n';

/** What an export covers. A letter and the scope follow the tree's owner scope and filter. */
export type ExportTarget =
  | { readonly kind: 'letter'; readonly group: string }
  | { readonly kind: 'scope' }
  | { readonly kind: 'selection'; readonly ids: readonly number[] }
  | { readonly kind: 'everything' };

/** The title of every export prompt and of its progress. */
export const exportTitle = (): string => t('Export Organizations');

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

/** Asks what to export (palette, view title). */
export async function askWhat(ui: UserInput, choices: WhatChoices): Promise<ExportTarget> {
  const title = exportTitle();
  const items: Choice<ExportTarget | 'letter'>[] = [{ label: t('Everything'), description: t('every organization'), value: { kind: 'everything' } }];
  if (choices.scope) items.push({ label: t('Current scope'), description: choices.scope, value: { kind: 'scope' } });
  if (choices.selected.length > 0) {
    items.push({ label: t('Selection'), description: selectedCount(choices.selected.length), value: { kind: 'selection', ids: choices.selected } });
  }
  items.push({ label: t('A letter…'), description: choices.scope ? t('within {0}', choices.scope) : undefined, value: 'letter' });
  const picked = await ui.showQuickPick(items, { title, placeHolder: t('What to export') });
  if (picked.value !== 'letter') return picked.value;
  const letter = await ui.showQuickPick(
    choices.letters.map((l) => ({ label: l.key, description: l.count === undefined ? undefined : organizationCount(l.count) })),
    { title, placeHolder: t('Which letter') },
  );
  return { kind: 'letter', group: letter.label };
}

/**
 * The local index keeps no custom fields, counters or address parts: ask whether its fields are
 * enough (no request) or Pipedrive should be read for all of them.
 */
export async function askIndexOrAllFields(ui: UserInput, pages: number): Promise<'index' | 'server'> {
  const picked = await ui.showQuickPick(
    [
      {
        label: t('Fields of the local index'),
        description: t('no requests'),
        detail: t('ID, name, owner, labels, visibility, address, city, created, updated'),
        value: 'index' as const,
      },
      {
        label: t('All fields'),
        description: pages === 1 ? t('reads 1 page from Pipedrive') : t('reads {0} pages from Pipedrive', formatNumber(pages)),
        detail: t('custom fields by name, address parts, website, counts'),
        value: 'server' as const,
      },
    ],
    { title: exportTitle(), placeHolder: t('Which fields') },
  );
  return picked.value;
}

export async function askFormat(ui: UserInput): Promise<ExportFormat> {
  const picked = await ui.showQuickPick(
    [
      // l10n-ignore: format names
      { label: 'CSV', description: t('UTF-8 with BOM, opens in spreadsheets'), value: 'csv' as const },
      // l10n-ignore: format names
      { label: 'JSON Lines', description: t('one JSON object per line'), value: 'jsonl' as const },
    ],
    { title: exportTitle(), placeHolder: t('Format') },
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
  return ui.showSaveDialog({ title: t('{0}: Save As', exportTitle()), defaultPath, filters });
}

/** "1 organization", "1,250 organizations". */
export function organizationCount(n: number): string {
  return n === 1 ? t('1 organization') : t('{0} organizations', formatNumber(n));
}

/** "1 selected organization", "3 selected organizations". */
export function selectedCount(n: number): string {
  return n === 1 ? t('1 selected organization') : t('{0} selected organizations', formatNumber(n));
}
