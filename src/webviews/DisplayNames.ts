// Turns Pipedrive's hash keys and option ids into the names a person knows: organization fields
// (GET /v1/organizationFields) and users (GET /v1/users). No vscode here: the unit tests use it.
import type { Organization, OrganizationField, User } from '../api';
import { asArray, asId, asOptText, asRecord, type OnSkip } from '../api/coerce';
import { formatDateTime, formatMoney, plainText, standardFieldName, visibilityLabel } from './format';
import { t } from '../util/l10n';
import { isCustomFieldKey } from '../model/customFields';


export interface Field {
  label: string;
  value: string;
}

export class DisplayNames {
  private readonly byKey = new Map<string, OrganizationField>();
  private readonly users = new Map<number, User>();

  /**
   * `complete`: false when the fields or the users could not be read (names fall back to keys and
   * ids). Entries that are not records with a key (fields) or an id (users) are left out and
   * reported through `onSkip`; names that are not text count as missing.
   */
  constructor(fields: readonly OrganizationField[], users: readonly User[], readonly complete = true, onSkip?: OnSkip) {
    asArray(fields).forEach((raw, i) => {
      const f = asRecord(raw);
      const key = asOptText(f?.key);
      if (!f || !key) return onSkip?.('organization field', `entry ${i} has no key`);
      const options = asArray(f.options)
        .map(asRecord)
        .filter((o): o is Record<string, unknown> => o !== undefined && (typeof o.id === 'number' || typeof o.id === 'string'))
        .map((o) => ({ ...o, label: asOptText(o.label) ?? String(o.id) }));
      this.byKey.set(key, { ...(f as unknown as OrganizationField), key, name: asOptText(f.name) as string, options: options as OrganizationField['options'] });
    });
    asArray(users).forEach((raw, i) => {
      const u = asRecord(raw);
      const id = asId(u?.id);
      if (!u || id === undefined) return onSkip?.('user', `entry ${i} has no id`);
      this.users.set(id, { ...(u as unknown as User), id, name: asOptText(u.name) as string });
    });
  }

  static readonly empty = new DisplayNames([], [], false);

  get userList(): User[] {
    return [...this.users.values()];
  }

  userName(id: unknown): string {
    const n = typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : undefined;
    if (n === undefined) return plainText(id);
    // A user Pipedrive no longer lists (deactivated elsewhere, or another company's id).
    return this.users.get(n)?.name || `Unknown user (${n})`;
  }

  fieldName(key: unknown): string {
    const k = typeof key === 'string' ? key : '';
    return this.byKey.get(k)?.name || standardFieldName(k) || (isCustomFieldKey(k) ? t('Custom field') : k || t('Unknown field'));
  }

  isCustom(key: string): boolean {
    return isCustomFieldKey(key);
  }

  /** Label names of an organization (the options of the `label` / `label_ids` field). */
  labelNames(ids: readonly unknown[]): string[] {
    const field = this.byKey.get('label_ids') ?? this.byKey.get('label');
    return asArray(ids)
      .filter((id): id is string | number => (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.trim() !== ''))
      .map((id) => String(id).trim())
      .map((id) => field?.options?.find((o) => String(o.id) === id)?.label ?? `Unknown label (${id.slice(0, 20)})`);
  }

  /**
   * A field value as text. `record` gives the companions v1 flattens next to a value
   * (`<key>_currency` of monetary fields).
   */
  formatValue(key: string, value: unknown, record?: Record<string, unknown>): string {
    if (value === null || value === undefined || value === '') return '';
    if (typeof key !== 'string') return plainText(value);
    const field = this.byKey.get(key);
    if (key === 'owner_id' || key === 'user_id' || field?.field_type === 'user') return this.userName(typeof value === 'object' ? (value as { id?: unknown; value?: unknown }).id ?? (value as { value?: unknown }).value : value);
    if (key === 'visible_to' || field?.field_type === 'visible_to') {
      const option = field?.options?.find((o) => String(o.id) === String(value));
      return option ? plainText(option.label) : visibilityLabel(value);
    }
    if (key === 'label' || key === 'label_ids') return this.labelNames(Array.isArray(value) ? value : String(value).split(',')).join(', ');
    switch (field?.field_type) {
      case 'enum':
        return this.optionLabel(field, value);
      case 'set': {
        const ids = Array.isArray(value) ? value : String(value).split(',');
        return ids.map((id) => this.optionLabel(field, String(id).trim())).join(', ');
      }
      case 'monetary': {
        if (typeof value === 'object') return formatMoney((value as { value?: unknown }).value, (value as { currency?: unknown }).currency);
        const n = typeof value === 'number' ? value : Number(value);
        return Number.isFinite(n) ? formatMoney(n, record?.[`${key}_currency`]) : plainText(value);
      }
      case 'date':
      case 'daterange':
      case 'time':
        return typeof value === 'string' ? value : plainText(value);
      case 'address':
        return typeof value === 'object' ? plainText((value as { formatted_address?: unknown; value?: unknown }).formatted_address ?? (value as { value?: unknown }).value) : plainText(value);
    }
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return formatDateTime(value);
    return plainText(value);
  }

  /** The organization's custom fields with names, in the order of the fields list; empty values left out. */
  customFields(org: Organization): Field[] {
    const values: Record<string, unknown> = { ...(asRecord(org.custom_fields) ?? {}) };
    for (const [k, v] of Object.entries(org)) if (isCustomFieldKey(k)) values[k] = v;
    const known = [...this.byKey.values()].filter((f) => isCustomFieldKey(f.key)).sort((a, b) => (a.order_nr ?? 0) - (b.order_nr ?? 0));
    const out: Field[] = [];
    const seen = new Set<string>();
    for (const f of known) {
      seen.add(f.key);
      const text = this.formatValue(f.key, values[f.key], org);
      if (text) out.push({ label: f.name || t('Custom field'), value: text });
    }
    for (const [k, v] of Object.entries(values)) {
      if (seen.has(k)) continue;
      const text = this.formatValue(k, v, org);
      if (text) out.push({ label: this.fieldName(k), value: text });
    }
    return out;
  }

  private optionLabel(field: OrganizationField, value: unknown): string {
    const key = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
    return field.options?.find((o) => String(o.id) === String(key))?.label ?? plainText(value);
  }
}
