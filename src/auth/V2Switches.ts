// Legacy mode (pipedrive.apiMode = legacy-v1): the operations a server answered 410/404 for on v1
// are remembered per host in globalState, so the next session starts them on v2 without probing
// the retired route again. Forgotten when no account uses that server any more.
import type * as vscode from 'vscode';
import type { RetirableOperation } from '../api';

/** globalState key: per API host, the operations legacy mode found retired (410 / 404) and runs on v2. */
export const V2_SWITCHES_KEY = 'pipedrive.v2Operations';

export class V2Switches {
  constructor(private readonly memento: Pick<vscode.Memento, 'get' | 'update'> | undefined) {}

  /** The operations found retired on `host`. */
  of(host: string): RetirableOperation[] {
    const all = this.memento?.get<Record<string, unknown>>(V2_SWITCHES_KEY);
    const ops = all && typeof all === 'object' ? all[host] : undefined;
    return Array.isArray(ops) ? ops.filter((o): o is RetirableOperation => typeof o === 'string') : [];
  }

  async forget(host: string): Promise<void> {
    const all = this.memento?.get<Record<string, string[]>>(V2_SWITCHES_KEY);
    if (!this.memento || !all || !(host in all)) return;
    const rest = { ...all };
    delete rest[host];
    await this.memento.update(V2_SWITCHES_KEY, rest);
  }

  async remember(host: string, op: RetirableOperation): Promise<void> {
    if (!this.memento) return;
    const all = { ...(this.memento.get<Record<string, string[]>>(V2_SWITCHES_KEY) ?? {}) };
    all[host] = [...new Set([...(all[host] ?? []), op])];
    await this.memento.update(V2_SWITCHES_KEY, all);
  }
}
