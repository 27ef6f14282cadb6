// Formatting shared by the host and the webviews: no vscode, no DOM. Times are shown in UTC as
// Pipedrive sends them, so every viewer and every test sees the same text. Day names, months,
// numbers and plurals follow the display language (VS Code's `env.language`, passed in as `locale`).

import { safeText } from '../util/safeText';
import { t } from '../util/l10n';

/**
 * Every string in a view model through safeText (bidi overrides and zero-width characters out),
 * so what the host posts to a panel cannot reorder or hide text. Depth-capped like plainText.
 */
export function cleanView<T>(view: T, depth = 0): T {
  if (typeof view === 'string') return safeText(view) as unknown as T;
  if (depth > PLAIN_TEXT_MAX_DEPTH || view === null || typeof view !== 'object') return view;
  if (Array.isArray(view)) return view.map((v) => cleanView(v, depth + 1)) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(view as Record<string, unknown>)) out[k] = cleanView(v, depth + 1);
  return out as T;
}

/** The locale used when none is given, or when the given one is not a valid BCP 47 tag. */
export const DEFAULT_LOCALE = 'en';

/** `locale` when Intl knows it, else DEFAULT_LOCALE (a bad tag must not throw in a formatter). */
export function displayLocale(locale: unknown): string {
  if (typeof locale !== 'string' || !locale) return DEFAULT_LOCALE;
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

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

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A Pipedrive time in the display language, UTC as Pipedrive sends it: "4 Mar 2025, 10:20" (en),
 * "04.03.2025, 10:20" (de). Anything that is not a date-time comes back as formatDateTime gives it.
 */
export function formatDateTimeIn(value: unknown, locale: string = DEFAULT_LOCALE): string {
  const t = formatDateTime(value);
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(t);
  if (!m) return t;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
  if (Number.isNaN(d.getTime())) return t;
  const loc = displayLocale(locale);
  let f = dateTimeFormats.get(loc);
  if (!f) {
    f = new Intl.DateTimeFormat(loc === 'en' ? 'en-GB' : loc, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    dateTimeFormats.set(loc, f);
  }
  return f.format(d);
}

/** The UTC day (`YYYY-MM-DD`) of a Pipedrive time, '' when it has none. */
export function dayOf(value: unknown): string {
  const t = formatDateTime(value);
  return /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : '';
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` → "Tuesday, 4 March 2025" in `locale` ("Dienstag, 4. März 2025" in de), UTC. */
export function formatDay(day: string, locale: string = DEFAULT_LOCALE): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof day === 'string' ? day : '');
  if (!m) return (typeof day === 'string' && day) || 'Undated';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return day;
  const loc = displayLocale(locale);
  let f = dayFormats.get(loc);
  if (!f) {
    // English as Pipedrive's users read it: day before month ("Tuesday, 4 March 2025").
    f = new Intl.DateTimeFormat(loc === 'en' ? 'en-GB' : loc, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(loc, f);
  }
  return f.format(d);
}

/** A count in the display language's digits and grouping ("12,345" / "12.345"). */
export function formatCount(n: number, locale: string = DEFAULT_LOCALE): string {
  return new Intl.NumberFormat(displayLocale(locale)).format(n);
}

/** Singular and plural of a noun; `few`/`many` fall back to `other` for languages with more forms. */
export interface PluralForms {
  one: string;
  other: string;
  zero?: string;
  two?: string;
  few?: string;
  many?: string;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The form of `forms` that `n` takes in `locale` (Intl.PluralRules): 1 → one, 2 → other in English. */
export function pluralForm(n: number, forms: PluralForms, locale: string = DEFAULT_LOCALE): string {
  const loc = displayLocale(locale);
  let rules = pluralRules.get(loc);
  if (!rules) {
    rules = new Intl.PluralRules(loc);
    pluralRules.set(loc, rules);
  }
  const cat = rules.select(n) as keyof PluralForms;
  return forms[cat] ?? forms.other;
}

/** "1 email", "2 emails", "1,024 notes". */
export function plural(n: number, forms: PluralForms, locale: string = DEFAULT_LOCALE): string {
  return `${formatCount(n, locale)} ${pluralForm(n, forms, locale)}`;
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

/** An amount in the display language's number format, followed by the currency code as Pipedrive sends it. */
export function formatMoney(value: unknown, currency: unknown, locale: string = DEFAULT_LOCALE): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const amount = new Intl.NumberFormat(displayLocale(locale), { maximumFractionDigits: 2 }).format(value);
  return typeof currency === 'string' && currency ? `${amount} ${currency}` : amount;
}

/** Deeper values are not shown: no record needs more, and unbounded recursion would overflow the stack. */
export const PLAIN_TEXT_MAX_DEPTH = 8;
/** Lists longer than this show their first items only. */
const PLAIN_TEXT_MAX_ITEMS = 100;

/** Any scalar as short text; objects with a name or value show that. Never throws, whatever the shape. */
export function plainText(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  if (depth >= PLAIN_TEXT_MAX_DEPTH) return '';
  if (Array.isArray(value)) {
    return value
      .slice(0, PLAIN_TEXT_MAX_ITEMS)
      .map((v) => plainText(v, depth + 1))
      .filter(Boolean)
      .join(', ');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    if ('value' in o) return plainText(o.value, depth + 1);
  }
  return '';
}

/**
 * visible_to values (organizations-v1-removed.openapi.json, "visible_to"): 1 and 3 on every plan,
 * 5 and 7 on Premium/Ultimate, where 7 is the whole company again.
 */
export const VISIBILITY: Record<string, () => string> = {
  '1': () => t('Owner & followers'),
  '3': () => t('Entire company'),
  '5': () => t("Owner's visibility group and sub-groups"),
  '7': () => t('Entire company'),
};

/** A visibility value by name; a value Pipedrive does not define says so instead of a bare number. */
export function visibilityLabel(v: unknown): string {
  const key = typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
  return VISIBILITY[key]?.() ?? (key ? t('Unknown visibility ({0})', key.slice(0, 20)) : '');
}

/** Names of the standard fields of an organization, for changes whose field the fields list lacks. */
const STANDARD_FIELD_NAMES: Record<string, () => string> = {
  name: () => t('Name'),
  owner_id: () => t('Owner'),
  visible_to: () => t('Visible to'),
  address: () => t('Address'),
  label: () => t('Label'),
  label_ids: () => t('Labels'),
  website: () => t('Website'),
  linkedin: () => 'LinkedIn',
  industry: () => t('Industry'),
  annual_revenue: () => t('Annual revenue'),
  employee_count: () => t('Number of employees'),
};

/** A standard field's name in the display language, or undefined for other keys. */
export function standardFieldName(key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(STANDARD_FIELD_NAMES, key) ? STANDARD_FIELD_NAMES[key]() : undefined;
}
