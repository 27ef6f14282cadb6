// The organizations the sandbox has under a letter, read straight from it through v2 (not through
// the extension): what the tree shows once the first sign-in has read them all.
import { groupOf } from '../../src/api/firstChar';

export async function letterOrganizations(url: string, token: string, letter: string): Promise<{ id: number; name: string }[]> {
  const out: { id: number; name: string }[] = [];
  let cursor: string | undefined;
  do {
    const res = await fetch(`${url}/api/v2/organizations?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { 'x-api-token': token } });
    const body = (await res.json()) as { data: { id: number; name: string }[]; additional_data?: { next_cursor?: string | null } };
    out.push(...body.data.filter((o) => groupOf(o.name) === letter).map((o) => ({ id: o.id, name: o.name })));
    cursor = body.additional_data?.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export async function letterCount(url: string, token: string, letter: string): Promise<number> {
  return (await letterOrganizations(url, token, letter)).length;
}
