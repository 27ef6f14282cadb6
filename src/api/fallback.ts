// Which routes the client speaks, and the rule that moves an operation from its retired v1 route
// to v2. Written once here; the client only says "this operation: v1 like this, v2 like that".
import { PipedriveError } from './PipedriveError';

/** The v1 operations Pipedrive put out of support on 2026-08-01; each falls back to v2 on its own. */
export type RetirableOperation =
  | 'listOrganizations'
  | 'getOrganizationsCollection'
  | 'getOrganization'
  | 'addOrganization'
  | 'updateOrganization'
  | 'deleteOrganization'
  | 'deleteOrganizations'
  | 'listOrganizationDeals'
  | 'listOrganizationPersons'
  | 'listOrganizationActivities';

const V2_ROUTE: Record<RetirableOperation, string> = {
  listOrganizations: 'GET /api/v2/organizations (local index)',
  getOrganizationsCollection: 'GET /api/v2/organizations',
  getOrganization: 'GET /api/v2/organizations/{id}',
  addOrganization: 'POST /api/v2/organizations',
  updateOrganization: 'PATCH /api/v2/organizations/{id}',
  deleteOrganization: 'DELETE /api/v2/organizations/{id}',
  deleteOrganizations: 'DELETE /api/v2/organizations/{id} per id',
  listOrganizationDeals: 'GET /api/v2/deals?org_id=',
  listOrganizationPersons: 'GET /api/v2/persons?org_id=',
  listOrganizationActivities: 'GET /api/v2/activities?org_id=',
};

/**
 * Which organization routes the client speaks. `current` (the default) is Pipedrive as it answers
 * today: every operation with a v2 route uses it from the first call, v1 only where v2 has none
 * (changelog, files, flow, mail, permitted users, merge, users, filters, recents).
 * `legacy-v1` calls the seed's v1 routes for servers that still serve them, and switches an
 * operation to v2 when its v1 route answers 410 or 404 "Unknown method".
 */
export type ApiMode = 'current' | 'legacy-v1';

export const API_MODES: readonly ApiMode[] = ['current', 'legacy-v1'];

export const ALL_RETIRABLE_OPERATIONS: readonly RetirableOperation[] = Object.keys(V2_ROUTE) as RetirableOperation[];

/** The operations on v2, and the switch of one more when its v1 route turns out to be retired. */
export class RouteSwitch {
  private readonly onV2: Set<RetirableOperation>;

  constructor(
    mode: ApiMode,
    remembered: readonly RetirableOperation[],
    private readonly log: (line: string) => void,
    private readonly onSwitch?: (operation: RetirableOperation, status: number) => void,
  ) {
    // Today's API needs no probe: a retired route would only cost a 404 per operation and session.
    this.onV2 = new Set(mode === 'current' ? ALL_RETIRABLE_OPERATIONS : remembered);
  }

  get operations(): RetirableOperation[] {
    return [...this.onV2];
  }

  /** `current` once every retirable operation runs through v2 (from the start, or after each switched). */
  get apiMode(): ApiMode {
    return this.onV2.size === ALL_RETIRABLE_OPERATIONS.length ? 'current' : 'legacy-v1';
  }

  isOnV2(op: RetirableOperation): boolean {
    return this.onV2.has(op);
  }

  /** v1 until it answers "gone" (then v2 for good); v2 errors are told as `op`, the caller's operation. */
  async run<T>(op: RetirableOperation, v1: () => Promise<T>, v2: () => Promise<T>): Promise<T> {
    if (!this.onV2.has(op)) {
      try {
        return await v1();
      } catch (e) {
        if (!(e instanceof PipedriveError) || e.kind !== 'gone') throw e;
        this.switchToV2(op, e.status ?? 410);
      }
    }
    try {
      return await v2();
    } catch (e) {
      throw renamed(e, op);
    }
  }

  private switchToV2(op: RetirableOperation, status: number): void {
    if (this.onV2.has(op)) return;
    this.onV2.add(op);
    this.log(`Pipedrive retired the v1 route of ${op} (${status}); using ${V2_ROUTE[op]} from now on.`);
    this.onSwitch?.(op, status);
  }
}

/** An error from a v2 helper call, told as the operation the caller invoked. */
export function renamed(e: unknown, op: string): unknown {
  if (!(e instanceof PipedriveError) || e.operation === op) return e;
  return new PipedriveError({
    kind: e.kind,
    status: e.status,
    error: e.error,
    errorInfo: e.errorInfo,
    errorCode: e.errorCode,
    retryAt: e.retryAt,
    retryAfterMs: e.retryAfterMs,
    field: e.field,
    rule: e.rule,
    attempts: e.attempts,
    operation: op,
    route: e.route,
    message: e.message,
    cause: e,
  });
}
