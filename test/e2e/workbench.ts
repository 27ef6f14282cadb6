// Helpers that drive the VS Code workbench the way a person does: click, type, read what is shown.
// Selectors are VS Code 1.100's DOM; keep them here so a VS Code update is fixed in one place.
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../harness/paths';

const DEFAULT_TIMEOUT = 20_000;

export class Workbench {
  constructor(
    readonly page: Page,
    /** Where screenshots and logs of this layer go (test-artifacts/e2e). */
    readonly artifactsDir = path.join(ARTIFACTS_DIR, 'e2e'),
  ) {
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
  }

  /** The side bar (where the Pipedrive view container opens). */
  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** The activity bar entry of a view container, by its title ("Pipedrive", "Explorer", ...). */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${title}"]`).first();
  }

  /** Clicks the Pipedrive icon in the activity bar (unless the container is open) and waits for the Organizations view. */
  /** Signs in from the view's welcome as a person does: the button, the token, the prompt closes. */
  async signInFromWelcome(token: string): Promise<void> {
    await this.openPipedriveView();
    await this.welcomeButton('Sign in with API token').click();
    await this.answerInput(token, { prompt: /API token/ });
    await this.quickInputClosed();
  }

  async openPipedriveView(): Promise<Locator> {
    const title = this.sideBar.locator('.composite.title h2, .composite.title .title-label h2').first();
    const open = (await this.sideBar.isVisible()) && /pipedrive/i.test((await title.textContent().catch(() => '')) ?? '');
    if (!open) await this.activityBarItem('Pipedrive').click();
    await this.sideBar.locator('.composite.title', { hasText: /pipedrive/i }).waitFor();
    return this.view('Organizations');
  }

  /**
   * Moves the keyboard focus to the side bar (View: Focus into Primary Side Bar, Ctrl+0) and waits
   * until it is there, e.g. out of a webview before running a command from the palette.
   */
  async focusSideBar(): Promise<void> {
    await this.page.keyboard.press('Control+0');
    await this.page.waitForFunction(() => !!document.activeElement?.closest('.part.sidebar'));
  }

  /** A view pane in the side bar, by its name. */
  view(name: string): Locator {
    // With one view in a container, VS Code merges its header into the container title.
    return this.sideBar.locator('.pane, .split-view-view').filter({ has: this.page.locator(`[aria-label*="${name}"], .title:has-text("${name}")`) }).first();
  }

  /** The welcome content (viewsWelcome) shown in the side bar, e.g. the sign-in prompt. */
  welcome(): Locator {
    return this.sideBar.locator('.welcome-view-content');
  }

  /** A button or link in the welcome content, by its text. */
  welcomeButton(text: string): Locator {
    return this.welcome().getByRole('button', { name: text });
  }

  /** The Quick Input widget (command palette, QuickPick, InputBox). */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the palette by its title as shown there (e.g. "Pipedrive: Sign In with API Token"). */
  async runCommand(title: string): Promise<void> {
    // From a webview, move out first: when the palette closes VS Code gives focus back to where it
    // was, and a webview takes it asynchronously, closing a picker the command just opened.
    if (await this.page.evaluate(() => document.activeElement?.tagName === 'IFRAME')) await this.focusSideBar();
    const input = this.quickInput.locator('.quick-input-box input');
    // A webview that finishes loading may still take focus back and close the palette just opened:
    // open it again then (a few times at most), instead of typing into a hidden box.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ timeout: 5_000 });
        await input.fill(`>${title}`, { timeout: 3_000 });
        break;
      } catch (e) {
        if (attempt >= 4) throw e;
        await this.focusSideBar();
      }
    }
    const row = this.quickItem(title);
    await row.waitFor();
    await row.click();
  }

  /** A row of the open QuickPick (or palette) whose label is exactly `label` (a RegExp for partial matches). */
  quickItem(label: string | RegExp): Locator {
    const exact = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    return this.quickInput
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.monaco-icon-label .label-name, .quick-input-list-label .label-name').filter({ hasText: exact }) })
      .first();
  }

  /** Picks an item of the open QuickPick by label. */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const row = this.quickItem(label);
    await row.waitFor();
    await row.click();
  }

  /** Types into the open QuickPick's filter (or InputBox) without accepting; pair with pickQuickItem(). */
  async typeInQuickInput(text: string): Promise<void> {
    const input = this.quickInput.locator('.quick-input-box input');
    await input.waitFor();
    await input.fill(text);
  }

  /**
   * Answers the open InputBox: waits for it, optionally for its prompt text, types `text` and presses
   * Enter. For a QuickPick use typeInQuickInput() + pickQuickItem(): Enter there may beat the list update.
   */
  async answerInput(text: string, options: { prompt?: string | RegExp } = {}): Promise<void> {
    const input = this.quickInput.locator('.quick-input-box input');
    await input.waitFor();
    if (options.prompt) await this.quickInput.getByText(options.prompt).first().waitFor();
    await input.fill(text);
    await input.press('Enter');
  }

  /** The validation message under the open InputBox, once one shows. */
  async inputValidationMessage(): Promise<string> {
    const message = this.quickInput.locator('.quick-input-message');
    await message.filter({ hasText: /\S/ }).waitFor();
    return (await message.textContent())?.trim() ?? '';
  }

  /** Waits until the Quick Input widget is closed (e.g. after the last step of a prompt). */
  async quickInputClosed(): Promise<void> {
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  /** A row of a tree in the side bar whose label is exactly `label` (a RegExp for partial matches). */
  treeItem(label: string | RegExp, within: Locator = this.sideBar): Locator {
    const exact = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    return within
      .locator('.monaco-list-row[role="treeitem"]')
      .filter({ has: this.page.locator('.label-name').filter({ hasText: exact }) })
      .first();
  }

  /** Expands a tree row (no-op when already expanded) and waits until it reports expanded. */
  async expand(row: Locator): Promise<void> {
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'true') return;
    await row.locator('.monaco-tl-twistie').click();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle());
  }

  /** The labels of the visible rows of the tree in `within` (the side bar by default), top to bottom. */
  async treeLabels(within: Locator = this.sideBar): Promise<string[]> {
    const labels = await within.locator('.monaco-list-row[role="treeitem"] .label-name').allTextContents();
    return labels.map((l) => l.trim());
  }

  /** The notification toasts on screen. */
  notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** Waits for a notification whose message matches and returns its full text. */
  async waitForNotification(message: string | RegExp): Promise<string> {
    const toast = this.notifications().filter({ hasText: message }).first();
    await toast.waitFor();
    return ((await toast.locator('.notification-list-item-message').textContent()) ?? '').trim();
  }

  /** The messages of the notifications on screen now. */
  async notificationMessages(): Promise<string[]> {
    const texts = await this.notifications().locator('.notification-list-item-message').allTextContents();
    return texts.map((t) => t.trim());
  }

  /** Clicks a button (e.g. "Retry") on the notification whose message matches. */
  async clickNotificationButton(message: string | RegExp, button: string): Promise<void> {
    await this.notifications().filter({ hasText: message }).first().getByRole('button', { name: button }).click();
  }

  /**
   * The content of a webview (panel or view): VS Code nests it in two iframes. `index` picks among
   * several open webviews in DOM order; the default is the last one, usually the newest.
   */
  webview(index = -1): FrameLocator {
    const outer = this.page.locator('iframe.webview');
    return (index < 0 ? outer.last() : outer.nth(index)).contentFrame().frameLocator('iframe');
  }

  /** The tab of an editor (or webview panel) by its title. */
  editorTab(title: string | RegExp): Locator {
    return this.page.locator('.tabs-container .tab').filter({ hasText: title }).first();
  }

  /** Saves a screenshot of the whole workbench to test-artifacts/e2e/<name>.png and returns its path. */
  /**
   * A screenshot into the artifacts. With `readme`, `npm run screenshots` (PIPEDRIVE_README_SHOTS=1)
   * also writes it to media/screenshots/<readme>.png, the README's pictures: the suite takes them,
   * so they show the extension as it is.
   */
  async screenshot(name: string, readme?: string): Promise<string> {
    fs.mkdirSync(this.artifactsDir, { recursive: true });
    const file = path.join(this.artifactsDir, `${fileName(name)}.png`);
    await this.page.screenshot({ path: file });
    if (readme && process.env.PIPEDRIVE_README_SHOTS === '1') {
      const dir = path.join(__dirname, '..', '..', '..', 'media', 'screenshots');
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(file, path.join(dir, `${fileName(readme)}.png`));
    }
    return file;
  }
}

export function fileName(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').slice(0, 120);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
