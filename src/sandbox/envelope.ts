// Pipedrive's response envelopes. Every body has `success`; errors add `error`, `errorCode` and
// `error_info`. Record-level 404s carry `data: null`; route-level 404s ("Unknown method .") do not,
// which is how a client tells a missing record from a route Pipedrive has retired.

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

export function ok(data: unknown, extra: Record<string, unknown> = {}, status = 200): Reply {
  return { status, body: { success: true, data, ...extra } };
}

export function errorBody(status: number, error: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { success: false, error, errorCode: status, error_info: ERROR_INFO, ...extra };
}

export function errorReply(status: number, error: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: errorBody(status, error, extra) };
}

export function routeNotFound(): Reply {
  return errorReply(404, 'Unknown method .');
}

/** Thrown anywhere in a route to answer with an error envelope. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
  toReply(): Reply {
    if (this.status === 404 && this.extra.data === null) {
      return { status: 404, body: { success: false, error: this.message, errorCode: 404, data: null } };
    }
    return errorReply(this.status, this.message, this.extra);
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, message);
}

export function recordNotFound(what = 'Organization'): HttpError {
  return new HttpError(404, `${what} not found`, { data: null });
}

/**
 * v1 offset paging. `next_start` only when there is more, as Pipedrive does. An empty v1 page has
 * `data: null`: that is what Pipedrive's v1 offset-paged lists return when nothing matches (the
 * flow included). Cursor-paged lists (v2, v1 collection and changelog) answer `data: []`.
 */
export function v1Page<T>(all: readonly T[], start: number, limit: number, map: (item: T) => unknown, extra: Record<string, unknown> = {}): Reply {
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  const pagination: Record<string, unknown> = { start, limit, more_items_in_collection: more };
  if (more) pagination.next_start = start + limit;
  const { additional_data: addl, ...rest } = extra as { additional_data?: Record<string, unknown> };
  return ok(page.length ? page.map(map) : null, { additional_data: { ...(addl ?? {}), pagination }, ...rest });
}

/** Cursor paging (v2 and the v1 cursor routes): `next_cursor` is null at the end. v2 empty data is []. */
export function cursorPage(data: unknown[], nextCursor: string | null, extra: Record<string, unknown> = {}): Reply {
  return ok(data, { additional_data: { next_cursor: nextCursor }, ...extra });
}
