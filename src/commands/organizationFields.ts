// Pure helpers of the add and update prompts (no vscode): label and visibility choices from
// GET /v1/organizationFields, the add-time rule, and the fields an update really changes.
import { checkName, VISIBLE_TO_VALUES, type Organization, type OrganizationField, type UpdateOrganizationInput, type VisibleTo } from '../api';

export interface Choice<T> {
  value: T;
  label: string;
}

/** Pipedrive's names of the visibility groups (used when the field list does not name them). */
export const VISIBILITY_NAMES: Record<VisibleTo, string> = {
  1: 'Owner & followers',
  3: 'Entire company',
  5: "Owner's visibility group",
  7: "Owner's visibility group and sub-groups",
};

/** The label options: the `label_ids` field (or the older single `label` field) of the organization fields. */
export function labelChoices(fields: readonly OrganizationField[]): Choice<number>[] {
  const field = fields.find((f) => f.key === 'label_ids') ?? fields.find((f) => f.key === 'label');
  return (field?.options ?? [])
    .map((o) => ({ value: Number(o.id), label: String(o.label) }))
    .filter((o) => Number.isSafeInteger(o.value) && o.value > 0);
}

/** The visibility choices 1, 3, 5, 7, named as the account's `visible_to` field names them. */
export function visibilityChoices(fields: readonly OrganizationField[]): Choice<VisibleTo>[] {
  const named = new Map((fields.find((f) => f.key === 'visible_to')?.options ?? []).map((o) => [Number(o.id), String(o.label)]));
  return VISIBLE_TO_VALUES.map((v) => ({ value: v, label: named.get(v) ?? VISIBILITY_NAMES[v] }));
}

export function visibilityName(value: unknown, fields: readonly OrganizationField[] = []): string | undefined {
  const n = Number(value);
  return visibilityChoices(fields).find((c) => c.value === n)?.label;
}

const ADD_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `YYYY-MM-DD HH:MM:SS` (UTC), a real moment not in the future; empty means "now". */
export function checkAddTime(value: string, now = Date.now()): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const m = ADD_TIME.exec(v);
  if (!m) return 'Use the form YYYY-MM-DD HH:MM:SS, e.g. 2024-05-17 09:30:00 (UTC), or leave it empty for now.';
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return `${v} is not a real date and time.`;
  }
  if (date.getTime() > now) return 'The add time cannot be in the future.';
  return undefined;
}

/** The client's name rule as a sentence for the input box. */
export function nameProblem(value: string): string | undefined {
  return checkName(value) ? 'Enter a name for the organization.' : undefined;
}

export interface OrganizationValues {
  name: string;
  ownerId?: number;
  labelIds: number[];
  visibleTo?: VisibleTo;
}

/** The values of an organization record, as the update prompts show them. */
export function valuesOf(org: Organization): OrganizationValues {
  const owner = org.owner_id as Organization['owner_id'] | number | null | undefined;
  const visible = Number(org.visible_to);
  return {
    name: org.name,
    ownerId: typeof owner === 'number' ? owner : owner?.value ?? owner?.id,
    labelIds: org.label_ids?.length ? [...org.label_ids] : typeof org.label === 'number' ? [org.label] : [],
    visibleTo: (VISIBLE_TO_VALUES as readonly number[]).includes(visible) ? (visible as VisibleTo) : undefined,
  };
}

/** Only what differs from `before`: the body of the update request (empty when nothing changed). */
export function changedFields(before: OrganizationValues, after: Partial<OrganizationValues>): UpdateOrganizationInput {
  const input: UpdateOrganizationInput = {};
  if (after.name !== undefined && after.name.trim() !== before.name) input.name = after.name.trim();
  if (after.ownerId !== undefined && after.ownerId !== before.ownerId) input.owner_id = after.ownerId;
  if (after.labelIds !== undefined && !sameSet(after.labelIds, before.labelIds)) input.label_ids = [...after.labelIds];
  if (after.visibleTo !== undefined && after.visibleTo !== before.visibleTo) input.visible_to = after.visibleTo;
  return input;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const x = [...new Set(a)].sort((p, q) => p - q);
  const y = [...new Set(b)].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export interface Rebased {
  /** What to send now: the user's changes on top of the record as it is in Pipedrive. */
  readonly input: UpdateOrganizationInput;
  /** Fields both the user and someone else changed since the edit started (to ask about). */
  readonly conflicts: ReadonlyArray<'name' | 'owner' | 'visibility'>;
  /** True when the labels were merged with labels changed meanwhile. */
  readonly labelsMerged: boolean;
}

/**
 * The user's edit (`before` → `input`) replayed on the record as it is now (`latest`): fields the
 * user did not touch are not sent, so other people's changes to them stay; labels are sent as the
 * latest set plus what the user added minus what they removed; a field both changed is a conflict.
 */
export function rebaseEdit(before: OrganizationValues, input: UpdateOrganizationInput, latest: OrganizationValues): Rebased {
  const out: UpdateOrganizationInput = { ...input };
  const conflicts: Array<'name' | 'owner' | 'visibility'> = [];
  if (input.name !== undefined && latest.name !== before.name && latest.name !== input.name) conflicts.push('name');
  if (input.owner_id !== undefined && latest.ownerId !== before.ownerId && latest.ownerId !== input.owner_id) conflicts.push('owner');
  if (input.visible_to !== undefined && latest.visibleTo !== before.visibleTo && latest.visibleTo !== input.visible_to) conflicts.push('visibility');
  let labelsMerged = false;
  if (input.label_ids !== undefined && !sameSet(latest.labelIds, before.labelIds)) {
    const added = input.label_ids.filter((id) => !before.labelIds.includes(id));
    const removed = before.labelIds.filter((id) => !input.label_ids!.includes(id));
    out.label_ids = [...new Set([...latest.labelIds, ...added])].filter((id) => !removed.includes(id));
    labelsMerged = true;
  }
  return { input: out, conflicts, labelsMerged };
}
