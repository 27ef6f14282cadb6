// Where the API token may be sent. The base URL is a setting, so it is checked like any input:
// https only (http would put the token on the wire in clear), loopback excepted for local servers.
import { PipedriveError } from './PipedriveError';

export const PIPEDRIVE_API_URL = 'https://api.pipedrive.com';

/** localhost, 127.0.0.0/8 and [::1]: the machine itself, where http cannot be overheard. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** pipedrive.com or a subdomain of it, over https. */
export function isPipedriveHost(url: string | URL): boolean {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  const h = u.hostname.toLowerCase();
  return u.protocol === 'https:' && (h === 'pipedrive.com' || h.endsWith('.pipedrive.com'));
}

/**
 * Checks the API base URL and returns it normalised (origin and path, no trailing slash).
 * Throws a PipedriveError of kind 'validation' that says what to change.
 */
export function checkBaseUrl(value: string | undefined): string {
  const raw = (value ?? PIPEDRIVE_API_URL).trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`pipedrive.apiBaseUrl must be a URL such as ${PIPEDRIVE_API_URL} (got ${JSON.stringify(raw)}).`, 'url');
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw invalid(
      url.protocol === 'http:'
        ? `pipedrive.apiBaseUrl must use https: http would send your API token unencrypted to ${url.host} (only localhost may use http).`
        : `pipedrive.apiBaseUrl must be an https URL (got ${url.protocol}).`,
      'https',
    );
  }
  if (url.username || url.password || url.search || url.hash || /[?#]/.test(raw)) {
    throw invalid('pipedrive.apiBaseUrl must not contain a user name, password, query or fragment.', 'plain-origin');
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/**
 * What a person types for an account's server, checked like the setting: "acme" is
 * https://acme.pipedrive.com, "acme.example.com" is https://acme.example.com, a URL stays as it is.
 */
export function apiServerOf(input: string): string {
  const v = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return checkBaseUrl(v);
  if (/^[a-z0-9-]+$/i.test(v)) return checkBaseUrl(`https://${v}.pipedrive.com`);
  return checkBaseUrl(`https://${v}`);
}

/** Whether two spellings of a server are the same one (a trailing slash makes no difference). */
export function sameServer(a: string, b: string): boolean {
  try {
    return checkBaseUrl(a) === checkBaseUrl(b);
  } catch {
    return a.trim() === b.trim();
  }
}

/**
 * Does sending the token to this (checked) base URL need the user's consent? Not for Pipedrive's
 * own hosts, loopback (unless `trustLoopback` is false) or a host the user already confirmed.
 */
export function needsTokenConsent(baseUrl: string, confirmedHosts: readonly string[], trustLoopback = true): boolean {
  const url = new URL(baseUrl);
  if (isPipedriveHost(url)) return false;
  if (trustLoopback && isLoopbackHost(url.hostname)) return false;
  return !confirmedHosts.includes(url.host);
}

function invalid(message: string, rule: string): PipedriveError {
  return new PipedriveError({ kind: 'validation', operation: 'apiBaseUrl', field: 'apiBaseUrl', rule, message });
}
