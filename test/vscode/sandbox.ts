// The sandbox as the in-host tests see it: the harness starts it and passes its address and tokens
// in the environment of code-server (and so of the extension host). Control goes over HTTP.
import type { Fault, RequestLogEntry } from '../../src/sandbox/types';

export interface SandboxInfo {
  url: string;
  /** The admin user's API token. */
  token: string;
  /** A regular user's token (the organization collection answers 403). */
  regularUserToken: string;
}

/** The sandbox the harness started for this run. Throws when the tests were not started by the harness. */
export function sandboxInfo(): SandboxInfo {
  const url = process.env.PIPEDRIVE_SANDBOX_URL;
  const token = process.env.PIPEDRIVE_SANDBOX_TOKEN;
  const regularUserToken = process.env.PIPEDRIVE_SANDBOX_REGULAR_TOKEN ?? '';
  if (!url || !token) throw new Error('PIPEDRIVE_SANDBOX_URL/_TOKEN are not set: run these tests through `npm test` (test/run.js).');
  return { url, token, regularUserToken };
}

async function control(route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandboxInfo().url}/__sandbox/${route}`, {
    method: body === undefined && route === 'log' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox /__sandbox/${route} answered ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** Re-seeds the data as at start and clears faults and the request log. */
export const resetSandbox = () => control('reset').then(() => undefined);
/** Replaces the active faults (see src/sandbox/types.ts). */
export const setSandboxFaults = (faults: Fault[]) => control('faults', { faults }).then(() => undefined);
export const clearSandboxLog = () => control('log/clear').then(() => undefined);
/** Serves today's routes only ('current', the harness default) or the removed v1 ones too, from the next request on. */
export const setSandboxMode = (apiMode: 'current' | 'legacy-v1') => control('mode', { apiMode }).then(() => undefined);
/**
 * Headers of the tests' own reads: the token, and the fixture header that lets a GET reach the
 * removed v1 routes (the tests' view of the data) while the extension meets today's API.
 */
export const fixtureHeaders = (token = sandboxInfo().token): Record<string, string> => ({ 'x-api-token': token, 'x-sandbox-fixture': '1' });
/** Every API request the sandbox answered since start or the last clear. */
export const sandboxLog = async () => ((await control('log')) as { data: RequestLogEntry[] }).data;
