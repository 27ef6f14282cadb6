import type { Response } from 'node-fetch';

/** Reads one response header by its lower-case name; null when absent. */
export type HeaderReader = (name: string) => string | null;

/**
 * Response headers as node:http received them (lower-case names). node-fetch's Headers.get checks
 * and lower-cases the name and scans every header on each call; the meter and the rate-limit rules
 * read up to seven headers per answer, so one lookup table is cheaper on the hot path.
 */
export function headerReader(response: Response): HeaderReader {
  const raw = response.headers.raw();
  return (name) => {
    const values = raw[name];
    // Nearly every header comes once: no join for those.
    return values === undefined ? null : values.length === 1 ? values[0] : values.join(', ');
  };
}
