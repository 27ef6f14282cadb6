// What a saved document changes (no vscode): only the fields whose values differ from the record,
// as one UpdateOrganizationInput (custom fields back under their keys, names back to ids).
import { ADDRESS_PARTS, type AddressInput, type UpdateOrganizationInput, type VisibleTo } from '../api';
import type { DocumentCatalog } from './documentCatalog';
import type { AddressValue, EditableValues } from './organizationDocument';
import { sameValue } from './parseDocument';

export function documentChanges(before: EditableValues, edited: Partial<EditableValues>, catalog: DocumentCatalog): UpdateOrganizationInput {
  const input: UpdateOrganizationInput = {};
  if (edited.name !== undefined && edited.name !== before.name) input.name = edited.name;
  if (edited.ownerId !== undefined && edited.ownerId !== null && edited.ownerId !== before.ownerId) input.owner_id = edited.ownerId;
  if (edited.labelIds !== undefined && !sameSet(edited.labelIds, before.labelIds)) input.label_ids = [...edited.labelIds];
  if (edited.visibleTo !== undefined && edited.visibleTo !== null && edited.visibleTo !== before.visibleTo) input.visible_to = edited.visibleTo as VisibleTo;
  if (edited.address !== undefined && !sameValue(edited.address, before.address)) input.address = addressInput(edited.address);
  if (edited.custom) {
    const custom: Record<string, unknown> = {};
    for (const f of catalog.custom) {
      if (!(f.key in edited.custom)) continue;
      const next = edited.custom[f.key];
      const prev = before.custom[f.key] ?? null;
      const same = f.kind === 'set' && Array.isArray(next) && Array.isArray(prev) ? sameSet(next, prev) : sameValue(next, prev);
      if (!same) custom[f.key] = next;
    }
    if (Object.keys(custom).length) input.custom_fields = custom;
  }
  return input;
}

/** v2 replaces the whole address: every non-empty part goes, the full text first. */
function addressInput(a: AddressValue | null): AddressInput | null {
  if (!a) return null;
  const out: AddressInput = { value: a.value };
  for (const part of ADDRESS_PARTS) if (part !== 'value' && a[part] !== '') out[part] = a[part];
  return out;
}

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** The document names of the fields an input changes, for messages and the log. */
export function changedFieldNames(input: UpdateOrganizationInput, catalog: DocumentCatalog): string[] {
  const names: string[] = [];
  if (input.name !== undefined) names.push('name');
  if (input.owner_id !== undefined) names.push('owner');
  if (input.label_ids !== undefined) names.push('labels');
  if (input.visible_to !== undefined) names.push('visible_to');
  if (input.address !== undefined) names.push('address');
  for (const key of Object.keys(input.custom_fields ?? {})) names.push(`custom_fields.${catalog.custom.find((f) => f.key === key)?.name ?? key}`);
  return names;
}
