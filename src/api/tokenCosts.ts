// What each Pipedrive route costs against the company's daily token budget: the `x-token-cost` of
// each operation in Pipedrive's OpenAPI documents, copied from ../shared/pipedrive/TOKEN-COSTS.md.
// A unit test holds this table to the reference files (test/unit/api/tokenCosts.test.ts).

/** `METHOD /path/{}` → tokens. Path parameters are written `{}` whatever their name. */
export const TOKEN_COSTS: ReadonlyMap<string, number> = new Map<string, number>([
  ['GET /api/v2/activities', 10],
  ['GET /api/v2/deals', 10],
  ['GET /api/v2/organizationFields', 10],
  ['GET /api/v2/organizationFields/{}', 1],
  ['GET /api/v2/organizations', 10],
  ['POST /api/v2/organizations', 5],
  ['GET /api/v2/organizations/search', 20],
  ['GET /api/v2/organizations/{}', 1],
  ['PATCH /api/v2/organizations/{}', 5],
  ['DELETE /api/v2/organizations/{}', 3],
  ['GET /api/v2/organizations/{}/followers', 10],
  ['POST /api/v2/organizations/{}/followers', 5],
  ['GET /api/v2/organizations/{}/followers/changelog', 10],
  ['DELETE /api/v2/organizations/{}/followers/{}', 3],
  ['GET /api/v2/persons', 10],
  ['GET /api/v2/users/{}/followers', 10],
  ['GET /v1/files/{}/download', 20],
  ['GET /v1/filters', 20],
  ['GET /v1/filters/{}', 2],
  ['GET /v1/organizationFields', 20],
  ['GET /v1/organizationFields/{}', 2],
  ['GET /v1/organizations', 20],
  ['POST /v1/organizations', 10],
  ['DELETE /v1/organizations', 10],
  ['GET /v1/organizations/collection', 10],
  ['GET /v1/organizations/search', 40],
  ['GET /v1/organizations/{}', 2],
  ['PUT /v1/organizations/{}', 10],
  ['DELETE /v1/organizations/{}', 6],
  ['GET /v1/organizations/{}/activities', 20],
  ['GET /v1/organizations/{}/changelog', 20],
  ['GET /v1/organizations/{}/deals', 20],
  ['GET /v1/organizations/{}/files', 20],
  ['GET /v1/organizations/{}/flow', 40],
  ['GET /v1/organizations/{}/followers', 20],
  ['POST /v1/organizations/{}/followers', 10],
  ['DELETE /v1/organizations/{}/followers/{}', 6],
  ['GET /v1/organizations/{}/mailMessages', 20],
  ['PUT /v1/organizations/{}/merge', 40],
  ['GET /v1/organizations/{}/permittedUsers', 10],
  ['GET /v1/organizations/{}/persons', 20],
  ['GET /v1/recents', 20],
  ['GET /v1/users', 20],
  ['GET /v1/users/me', 2],
  ['GET /v1/users/{}', 2],
]);

/** A path segment that stands for a parameter: `{id}`, `:id` or a number. */
const PARAM_SEGMENT = /\/(?:\{[^}/]*\}|:[a-z_]+|\d+)(?=\/|$)/gi;

/** The table's key of a route template (`/v1/organizations/{}`) or of a concrete path (`/v1/organizations/42`). */
export function routeKey(method: string, path: string): string {
  const q = path.indexOf('?');
  const bare = q < 0 ? path : path.slice(0, q);
  // One regular-expression pass: this runs for every answered request.
  return `${method.toUpperCase()} ${bare.replace(PARAM_SEGMENT, '/{}')}`;
}

/**
 * Tokens one request to `path` costs; undefined for a route the table does not know (a server
 * outside the reference). `/organizations/search` is a route of its own, not an id.
 */
export function tokenCostOf(method: string, path: string): number | undefined {
  return TOKEN_COSTS.get(routeKey(method, path));
}
