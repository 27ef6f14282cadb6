// Mocha glue for e2e suites. One code-server, sandbox and Chromium per run (started by the first
// suite, ended by the harness's cleanup when mocha is done); each suite gets its own browser context,
// so state the extension keeps in the browser (secrets, UI state) starts empty.
//
//   describe('Sign in', () => {
//     const ctx = useWorkbench();
//     it('…', async () => { await ctx.workbench.openPipedriveView(); ctx.sandbox.setFaults([...]); });
//   });
import * as path from 'path';
import type { Sandbox } from '../../src/sandbox/types';
import { ARTIFACTS_DIR } from '../harness/paths';
import { Session } from '../harness/session';
import { fileName, Workbench } from './workbench';

let session: Promise<Session> | undefined;

/** The run's session, started on first use. */
export function e2eSession(): Promise<Session> {
  return (session ??= Session.start({ name: 'e2e' }));
}

// A root hook (this module is loaded once, at the top of the first e2e file): after all suites, keep
// the run's logs — the extension's "Pipedrive" output channel, code-server's — next to the screenshots.
after(async () => {
  if (session) await (await session).saveArtifacts(path.join(ARTIFACTS_DIR, 'e2e'), undefined, 'run').catch(() => undefined);
});

export interface WorkbenchContext {
  /** The workbench page of this suite (set by its before hook). */
  readonly workbench: Workbench;
  /** The sandbox, in process: reset(), setFaults(), log, token. Reset before each suite. */
  readonly sandbox: Sandbox;
  readonly session: Session;
}

/**
 * Opens a fresh workbench for the enclosing describe() and reset sandbox data. On a failing test it
 * saves a screenshot and the extension's log to test-artifacts/e2e/ named after the test.
 */
export function useWorkbench(): WorkbenchContext {
  let current: { workbench: Workbench; session: Session } | undefined;
  const get = () => {
    if (!current) throw new Error('useWorkbench(): the suite has not started (use it inside tests and hooks)');
    return current;
  };
  before(async function () {
    this.timeout(180_000);
    const s = await e2eSession();
    s.sandbox.reset();
    const page = await s.openWorkbench();
    current = { workbench: new Workbench(page), session: s };
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (!current || test?.state !== 'failed') return;
    const name = fileName(test.fullTitle());
    await current.workbench.screenshot(name).catch(() => undefined);
    await current.session.saveArtifacts(path.join(ARTIFACTS_DIR, 'e2e'), undefined, name).catch(() => undefined);
  });
  after(async () => {
    await current?.workbench.page.context().close();
  });
  return {
    get workbench() {
      return get().workbench;
    },
    get sandbox() {
      return get().session.sandbox;
    },
    get session() {
      return get().session;
    },
  };
}
