// Token auth as Pipedrive does it: `x-api-token` header or an OAuth `Authorization: Bearer`.
// Tokens in the query string are refused, so a client that leaks them into URLs fails its tests.
import { IncomingMessage } from 'node:http';
import { User } from './model';

export type AuthKind = 'api-token' | 'bearer' | 'none';

export function authOf(req: IncomingMessage, query: URLSearchParams, tokens: ReadonlyMap<string, User>): { kind: AuthKind; user?: User } {
  const header = req.headers['x-api-token'];
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const kind: AuthKind = header ? 'api-token' : bearer ? 'bearer' : 'none';
  if (query.has('api_token')) return { kind };
  const token = typeof header === 'string' ? header : bearer?.[1].trim();
  return { kind, user: token === undefined ? undefined : tokens.get(token) };
}
