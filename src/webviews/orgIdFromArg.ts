// No vscode here: the unit tests use it.

/**
 * The organization id of a command argument: a number, a tree node with `orgId`, or a record with
 * a positive integer `id`. Undefined for anything else (the command then asks with a picker).
 */
export function orgIdFromArg(arg: unknown): number | undefined {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if (ok(arg)) return arg;
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { orgId?: unknown; id?: unknown };
    if (ok(o.orgId)) return o.orgId;
    if (ok(o.id)) return o.id;
  }
  return undefined;
}
