// Where an export reads from and which columns it writes, decided once: the selection by id, the
// local index when it can answer alone and the person settles for its fields, else the server one
// page at a time. No vscode import (the command in vscode/ only wires it to the editor).
import type { Organization, OrganizationField, User } from '../api/records';
import type { OrganizationIndexView } from '../model/orgIndex/types';
import type { UserInput } from '../ui/UserInput';
import { exportColumns, indexedColumns, type Column } from './columns';
import { askIndexOrAllFields, type ExportTarget } from './exportPrompts';
import { canExportFromIndex, EXPORT_PAGE_SIZE, fromIds, fromIndex, fromServer, indexTotal, type ExportQuery, type ListBackend, type RecordBackend } from './sources';

/** The tree's state an export follows. */
export interface ExportScope {
  readonly ownerId?: number;
  readonly filterId?: number;
  /** The tree's sort expression (`pipedrive.sort`). */
  readonly sort: string;
}

export type ExportPlan =
  | { readonly source: 'selection'; readonly ids: readonly number[] }
  | { readonly source: 'index' | 'server'; readonly query: ExportQuery };

/** The list query of a target. A letter stays within the owner scope and filter, as in the tree; "everything" ignores them. */
export function queryFor(target: Exclude<ExportTarget, { kind: 'selection' }>, scope: ExportScope): ExportQuery {
  const { ownerId, filterId, sort } = scope;
  switch (target.kind) {
    case 'letter':
      return { group: target.group, ownerId, filterId, sort };
    case 'scope':
      return { ownerId, filterId, sort };
    case 'everything':
      return { sort };
  }
}

/**
 * Decides the source. The index keeps no custom fields, so when it could answer alone the person
 * is asked whether its fields are enough (no request) or Pipedrive should be read for all of them.
 */
export async function planExport(target: ExportTarget, scope: ExportScope, index: OrganizationIndexView | undefined, ui: UserInput): Promise<ExportPlan> {
  if (target.kind === 'selection') return { source: 'selection', ids: target.ids };
  const query = queryFor(target, scope);
  if (!canExportFromIndex(index, query)) return { source: 'server', query };
  const pages = Math.max(1, Math.ceil(indexTotal(index, query) / EXPORT_PAGE_SIZE));
  return { source: await askIndexOrAllFields(ui, pages), query };
}

export interface OpenedExport {
  readonly rows: AsyncIterable<Organization>;
  readonly columns: Column[];
  /** How many rows to expect, when known before reading (index, selection). */
  readonly total?: number;
}

export interface ExportDeps {
  readonly client: ListBackend & RecordBackend;
  readonly index: OrganizationIndexView | undefined;
  readonly fields: readonly OrganizationField[];
  readonly users?: ReadonlyMap<number, User>;
  /** Full records already at hand (the tree's pages), for the selection. */
  readonly known: (id: number) => Organization | undefined;
  readonly signal?: AbortSignal;
}

/** The rows and columns of a plan. */
export function openExport(plan: ExportPlan, deps: ExportDeps): OpenedExport {
  const users = deps.users;
  const columns = exportColumns({ fields: deps.fields, userName: (id) => users?.get(id)?.name });
  if (plan.source === 'selection') return { rows: fromIds(plan.ids, deps.known, deps.client, deps.signal), columns, total: plan.ids.length };
  if (plan.source === 'index' && deps.index) {
    return { rows: fromIndex(deps.index, plan.query, deps.signal), columns: indexedColumns(columns), total: indexTotal(deps.index, plan.query) };
  }
  return { rows: fromServer(deps.client, plan.query, deps.signal, (id) => users?.get(id)), columns };
}
