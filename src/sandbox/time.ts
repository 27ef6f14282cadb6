// Pipedrive writes times differently per API version: v1 "YYYY-MM-DD HH:MM:SS" (UTC), v2 ISO 8601.

export function v1Time(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function v2Time(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

export function v1Date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses either format (v1 has no zone and means UTC). NaN when it is neither. */
export function parseTime(text: string): number {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return Date.parse(t + 'T00:00:00Z');
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t)) return Date.parse(t.replace(' ', 'T') + 'Z');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return Date.parse(t);
  return NaN;
}

/** The seeded data lives in 2023–2025 so "since" filters have something to cut. */
export const SEED_EPOCH = Date.UTC(2023, 0, 1);
export const DAY = 86_400_000;
