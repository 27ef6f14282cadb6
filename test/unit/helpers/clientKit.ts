import type { Clock } from '../../../src/api/Clock';
import { PipedriveClient, type ClientOptions } from '../../../src/api/PipedriveClient';
import type { RequestEvent } from '../../../src/api/HttpTransport';

/**
 * A clock whose sleep() returns at once and moves now() forward instead, so retries, backoff and
 * pacing run in no real time while the waits they asked for stay visible to the test.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private offset = 0;
  constructor(private readonly base = Date.now()) {}
  now(): number {
    return this.base + this.offset;
  }
  random(): number {
    return 0.5;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new (await import('../../../src/api/Clock')).AbortedWait();
    this.sleeps.push(ms);
    this.offset += ms;
  }
}

export interface ClientHarness {
  client: PipedriveClient;
  clock: FakeClock;
  lines: string[];
  events: RequestEvent[];
}

/** A client wired to a fake clock, a captured logger and a captured request event list. */
export function makeClient(url: string, token: string, extra: Partial<ClientOptions> = {}): ClientHarness {
  const clock = new FakeClock();
  const lines: string[] = [];
  const events: RequestEvent[] = [];
  const client = new PipedriveClient({
    token,
    baseUrl: url,
    clock,
    timeoutMs: 2000,
    logger: (l) => lines.push(l),
    onRequest: (e) => events.push(e),
    // Most client suites pin the seed's v1 behaviour (legacy mode); suites of today's API pass
    // apiMode: 'current' (the product's default).
    apiMode: 'legacy-v1',
    ...extra,
  });
  return { client, clock, lines, events };
}

/** Collects an async iterator into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Awaits a promise that must reject, and returns the rejection. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever fields the error kind has
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
