// The setup every in-host suite shares: a fresh sandbox, a signed-in session, a clean request log
// before each test, and everything put back afterwards (settings, faults, scripted prompts, scope).
import type { TestUserInput } from '../../../src/ui/TestUserInput';
import { clearSandboxLog, resetSandbox, setSandboxFaults, setSandboxMode } from '../sandbox';
import { closePanels, extensionApi, scriptedUi, setSetting, signIn, signOut } from './extension';

export interface SessionOptions {
  /** The seed's v1 routes: the sandbox serves them and the extension's client calls them. */
  legacy?: boolean;
  /** pipedrive.pageSize for the suite. */
  pageSize?: number;
  /** Closes the panels a test opened (once they have loaded) after each test. */
  closePanels?: boolean;
}

/**
 * Registers the suite's hooks (call it first in the `describe`). `ui()` is the scripted prompts of
 * the running test: a fresh TestUserInput before each test.
 */
export function useSignedInSession(options: SessionOptions = {}): { ui(): TestUserInput } {
  let ui: TestUserInput | undefined;
  before(async () => {
    await resetSandbox();
    if (options.legacy) {
      await setSandboxMode('legacy-v1');
      await setSetting('apiMode', 'legacy-v1');
    }
    if (options.pageSize !== undefined) await setSetting('pageSize', options.pageSize);
    await signOut();
    await signIn();
  });
  beforeEach(async () => {
    ui = await scriptedUi();
    await clearSandboxLog();
  });
  if (options.closePanels) afterEach(() => closePanels());
  after(async () => {
    await setSandboxFaults([]);
    if (options.pageSize !== undefined) await setSetting('pageSize', undefined);
    if (options.legacy) {
      await setSandboxMode('current');
      await setSetting('apiMode', undefined);
    }
    const api = await extensionApi();
    api.setUserInput(undefined);
    await api.store.setScope({});
    await resetSandbox();
    api.store.clear();
  });
  return {
    ui() {
      if (!ui) throw new Error('ui() is for tests (a fresh one is made before each)');
      return ui;
    },
  };
}
