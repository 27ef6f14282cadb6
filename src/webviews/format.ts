// Formatting shared by the host and the webviews: no vscode, no DOM. Times are shown in UTC as
// Pipedrive sends them, so every viewer and every test sees the same text.

/** `2025-03-04 10:20:30` or an RFC 3339 time → `2025-03-04 10:20`; anything else unchanged. */
export function formatDateTime(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(value);
  if (!m) return value;
  if (/T/.test(value) && /(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d.toISOString().slice(0, 16).replace('T', ' ');
  }
  return `${m[1]} ${m[2]}`;
}

/** The UTC day (`YYYY-MM-DD`) of a Pipedrive time, '' when it has none. */
export function dayOf(value: unknown): string {
  const t = formatDateTime(value);
  return /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : '';
}

/** `YYYY-MM-DD` → "Tuesday, 4 March 2025" (UTC, English, deterministic). */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day || 'Undated';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const weekday = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()];
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.getUTCMonth()];
  return `${weekday}, ${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

export function formatBytes(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatMoney(value: unknown, currency: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const amount = value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return typeof currency === 'string' && currency ? `${amount} ${currency}` : amount;
}

/** Any scalar as short text; objects with a name or value show that. */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(plainText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    if ('value' in o) return plainText(o.value);
  }
  return '';
}

export const VISIBILITY: Record<string, string> = {
  '1': 'Owner & followers',
  '3': 'Entire company',
  '5': "Owner's visibility group",
  '7': "Owner's visibility group and sub-groups",
};

export function visibilityLabel(v: unknown): string {
  const key = v === null || v === undefined ? '' : String(v);
  return VISIBILITY[key] ?? (key ? `Visibility ${key}` : '');
}

/** Names of the standard fields of an organization, for changes whose field the fields list lacks. */
export const STANDARD_FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  owner_id: 'Owner',
  visible_to: 'Visible to',
  address: 'Address',
  label: 'Label',
  label_ids: 'Labels',
  website: 'Website',
  linkedin: 'LinkedIn',
  industry: 'Industry',
  annual_revenue: 'Annual revenue',
  employee_count: 'Number of employees',
};
