/** https://{company_domain}.pipedrive.com/organization/{id}; the domain comes from GET /v1/users/me. */
export function organizationUrl(companyDomain: string, id: number): string {
  return `https://${encodeURIComponent(companyDomain)}.pipedrive.com/organization/${id}`;
}
