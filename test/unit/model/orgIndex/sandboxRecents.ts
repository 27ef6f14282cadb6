// /v1/recents for the index tests, as a plain HTTP call to the sandbox, so the sync is tested
// apart from the client (whose listRecentOrganizations has its own tests). Real HTTP, real answers.
import fetch from 'node-fetch';
import { recentsPageFromBody, type RecentsFetcher } from '../../../../src/model/orgIndex/IndexSource';

export function sandboxRecents(baseUrl: string, token: string): RecentsFetcher {
  return async (since, { start, limit, signal }) => {
    const url = new URL('/v1/recents', baseUrl);
    url.searchParams.set('items', 'organization');
    url.searchParams.set('since_timestamp', since);
    url.searchParams.set('start', String(start));
    url.searchParams.set('limit', String(limit));
    const res = await fetch(url.toString(), {
      headers: { 'x-api-token': token },
      redirect: 'manual',
      // node-fetch's AbortSignal type predates the DOM one; the object is the same.
      signal: signal as never,
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw Object.assign(new Error(`GET /v1/recents answered ${res.status}`), { status: res.status });
    return recentsPageFromBody(body);
  };
}
