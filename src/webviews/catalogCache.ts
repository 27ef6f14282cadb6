import type { PipedriveClient } from '../api';
import { FieldCatalog } from './fieldCatalog';
import type { PanelLog } from './PanelDeps';

/**
 * Organization fields and users, read once per client and shared by every panel. A failed read is
 * not cached (the next panel tries again) and the panels fall back to raw keys meanwhile.
 */
export class CatalogCache {
  private readonly byClient = new WeakMap<PipedriveClient, Promise<FieldCatalog>>();

  constructor(private readonly log: PanelLog) {}

  get(client: PipedriveClient): Promise<FieldCatalog> {
    let p = this.byClient.get(client);
    if (!p) {
      p = this.read(client);
      this.byClient.set(client, p);
    }
    return p;
  }

  /** Forget the catalog (fields or users changed). */
  invalidate(client: PipedriveClient): void {
    this.byClient.delete(client);
  }

  private async read(client: PipedriveClient): Promise<FieldCatalog> {
    const [fields, users] = await Promise.all([
      collect(client.iterateOrganizationFields({ limit: 500 })).catch((e: unknown) => {
        this.log.warn(`Could not read organization fields: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }),
      client.listUsers().catch((e: unknown) => {
        this.log.warn(`Could not read users: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }),
    ]);
    if (!fields || !users) this.byClient.delete(client);
    return new FieldCatalog(fields ?? [], users ?? []);
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
