// Small checks for messages that come back from a webview. A webview is a web page: treat what it
// sends like network input (type allow-list, exact keys, positive integer ids, known enum values).

export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

export function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

export function isOneOf<T extends string>(v: unknown, values: readonly T[]): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

/** Extra keys are refused: a message carries exactly what its type declares. */
export function onlyKeys(v: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []): string | undefined {
  for (const k of required) if (!(k in v)) return `missing "${k}"`;
  const allowed = new Set([...required, ...optional]);
  const extra = Object.keys(v).filter((k) => !allowed.has(k));
  return extra.length ? `unexpected ${extra.map((k) => `"${k.slice(0, 40)}"`).join(', ')}` : undefined;
}

/** Only absolute http(s) URLs are opened; everything else (javascript:, command:, file:, data:) is refused. */
export function safeExternalUrl(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
}

/** A bare host name as people type websites into Pipedrive ("acme.com", "www.acme.co.uk/about"). */
const BARE_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:[/?#][^\s]*)?$/i;

/**
 * A website field as a link: absolute http(s) URLs as they are, bare domains as https (Pipedrive
 * stores what the user typed, and "acme.com" is the common case). Anything else: no link.
 */
export function websiteUrl(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const text = v.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !BARE_DOMAIN.test(text)) return safeExternalUrl(text);
  if (BARE_DOMAIN.test(text)) return safeExternalUrl(`https://${text}`);
  return safeExternalUrl(text);
}

/**
 * When a page came up, as it reports in `ready` (diagnostics for the log and the bench): epoch ms
 * of its document's start and of its script running, and what it fetched before (file name, start
 * ms after the document's start, duration ms).
 */
export interface PageBoot {
  docStart: number;
  /**
   * When a service worker started for the document's navigation (ms after its start; 0 without
   * one): in code-server the browser waits for the webview's worker before fetching anything.
   */
  workerStart?: number;
  scriptAt: number;
  resources: Array<{ name: string; start: number; ms: number }>;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A well-formed PageBoot, else undefined (a bad one is dropped, not refused: it is only a diagnostic). */
export function parseBoot(v: unknown): PageBoot | undefined {
  if (!isRecord(v) || !finite(v.docStart) || !finite(v.scriptAt) || !Array.isArray(v.resources)) return undefined;
  const resources = v.resources
    .slice(0, 12)
    .filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.name === 'string' && finite(r.start) && finite(r.ms))
    .map((r) => ({ name: (r.name as string).replace(/[^\w.-]/g, '').slice(0, 40), start: Math.round(r.start as number), ms: Math.round(r.ms as number) }));
  return { docStart: v.docStart, scriptAt: v.scriptAt, resources, ...(finite(v.workerStart) ? { workerStart: Math.round(v.workerStart) } : {}) };
}
