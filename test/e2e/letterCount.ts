// The organizations the sandbox has, read straight from it through v2 (not through the extension):
// what the tree shows once the first sign-in has read them all. The e2e and in-host suites share it.
import { groupOf } from '../../src/api/firstChar';

export interface ServerOrganization {
  id: number;
  name: string;
  owner_id: number;
}

/** Every organization, walked through GET /api/v2/organizations at limit 500. */
export async function serverOrganizations(url: string, token: string): Promise<ServerOrganization[]> {
  const out: ServerOrganization[] = [];
  let cursor: string | undefined;
  do {
    const res = await fetch(`${url}/api/v2/organizations?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { 'x-api-token': token } });
    const body = (await res.json()) as { data: ServerOrganization[]; additional_data?: { next_cursor?: string | null } };
    out.push(...body.data.map((o) => ({ id: o.id, name: o.name, owner_id: o.owner_id })));
    cursor = body.additional_data?.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export async function letterOrganizations(url: string, token: string, letter: string): Promise<{ id: number; name: string }[]> {
  return (await serverOrganizations(url, token)).filter((o) => groupOf(o.name) === letter).map((o) => ({ id: o.id, name: o.name }));
}

export async function letterCount(url: string, token: string, letter: string): Promise<number> {
  return (await letterOrganizations(url, token, letter)).length;
}
