// Rules about an organization record, written once and free of vscode: the tree, the prompts, the
// panels, the index and the export ask here instead of reading the record each their own way.
import { asId, asRecord } from '../api/coerce';

/** The owner's user id: v1 sends the owner as a user object ({ value | id, name }), v2 and lean records a number. */
export function ownerIdOf(owner: unknown): number | undefined {
  const rec = asRecord(owner);
  return asId(owner) ?? asId(rec?.value) ?? asId(rec?.id);
}

/** What an organization holds, as Pipedrive counts it; undefined where it sent no count. */
export interface RecordCounts {
  persons?: number;
  deals?: number;
  activities?: number;
  files?: number;
  followers?: number;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * The counts of a record. Deals are open + closed, and only when both were counted: half a sum
 * would read as a smaller number of deals, where "?" says plainly that it is not known.
 */
export function recordCounts(org: unknown): RecordCounts {
  const o = asRecord(org) ?? {};
  const open = count(o.open_deals_count);
  const closed = count(o.closed_deals_count);
  return {
    persons: count(o.people_count),
    deals: open !== undefined && closed !== undefined ? open + closed : undefined,
    activities: count(o.activities_count),
    files: count(o.files_count),
    followers: count(o.followers_count),
  };
}

/** A company domain (the `acme` of acme.pipedrive.com, from GET /v1/users/me) that is one DNS label. */
function validCompanyDomain(domain: unknown): string | undefined {
  return typeof domain === 'string' && /^[a-z0-9](?:[a-z0-9-]{0,62})$/i.test(domain) ? domain : undefined;
}

/** https://{company}.pipedrive.com/organization/{id}, or undefined when the domain is unknown or not a label. */
export function organizationWebUrl(companyDomain: unknown, id: number): string | undefined {
  const d = validCompanyDomain(companyDomain);
  return d ? `https://${d}.pipedrive.com/organization/${id}` : undefined;
}
