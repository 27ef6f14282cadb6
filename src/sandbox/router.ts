// A tiny route table: "/v1/organizations/:id/flow"-style patterns, matched in order.
import { User } from './model';
import { Store } from './db';
import { Reply } from './envelope';
import { Query } from './params';

export interface Ctx {
  store: Store;
  method: string;
  path: string;
  params: Record<string, string>;
  query: Query;
  body: unknown;
  user: User;
}

export interface Route {
  method: string;
  pattern: string;
  /** One of the v1 routes Pipedrive removed (organizations-v1-removed.openapi.json): retire-v1 hits these. */
  removedV1?: boolean;
  /** Tokens a request costs (x-token-cost of the reference files); set by buildRouter. */
  cost?: number;
  handler: (ctx: Ctx) => Reply;
}

interface Compiled extends Route { re: RegExp; names: string[] }

export class Router {
  private routes: Compiled[] = [];

  add(routes: Route[]): this {
    for (const r of routes) {
      const names: string[] = [];
      const src = r.pattern.replace(/:([a-z_]+)/g, (_, n: string) => { names.push(n); return '([^/]+)'; });
      this.routes.push({ ...r, re: new RegExp(`^${src}/?$`), names });
    }
    return this;
  }

  /** The route for method+path, or undefined (Pipedrive answers "Unknown method ." then). */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.re.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => { params[n] = m[i + 1]; });
      return { route: r, params };
    }
    return undefined;
  }

  /** Every registered "METHOD pattern", for the contract test's coverage check. */
  list(): string[] {
    return this.routes.map((r) => `${r.method} ${r.pattern}`);
  }
}
