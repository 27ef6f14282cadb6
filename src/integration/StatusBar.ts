// The status bar item: who is signed in to which company, a spinner while organizations are
// being read, a rate-limit wait, today's token spend in the tooltip, and a menu on click (switch account, refresh, log, sign out).
import * as vscode from 'vscode';
import type { PipedriveClient, User, WaitEvent } from '../api';
import { safeLine } from '../util/safeText';
import { formatNumber, t } from '../util/l10n';

export const STATUS_MENU_COMMAND = 'pipedrive.statusMenu';

export interface StatusBarSource {
  readonly user: User | undefined;
  readonly client: PipedriveClient | undefined;
  /** How many accounts are added: with more than one, the menu's first item is Switch Account. */
  readonly accounts: number;
}

export class PipedriveStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private busy = 0;
  /** Requests waiting for Pipedrive's rate limit now, and when the longest known wait ends. */
  private rateLimited = 0;
  private rateLimitEnds: number | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The item's text or tooltip changed (tests wait on it). */
  readonly onDidChange = this.changed.event;
  private meterSub: { dispose(): void } | undefined;
  private meterOf: PipedriveClient | undefined;

  constructor(private readonly source: StatusBarSource) {
    this.item = vscode.window.createStatusBarItem('pipedrive.account', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Pipedrive';
    this.item.command = STATUS_MENU_COMMAND;
    this.update();
  }

  /** The text shown (tests read it). */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  get visible(): boolean {
    return this.source.user !== undefined;
  }

  /** A request of the active client started or ended a wait: a rate-limit wait shows in the item. */
  onWait(e: WaitEvent): void {
    if (e.reason !== 'rate-limit') return;
    if (e.phase === 'start') {
      this.rateLimited++;
      if (e.ms !== undefined) this.rateLimitEnds = Math.max(this.rateLimitEnds ?? 0, Date.now() + e.ms);
    } else {
      this.rateLimited = Math.max(0, this.rateLimited - 1);
      if (this.rateLimited === 0) this.rateLimitEnds = undefined;
    }
    this.update();
  }

  /** Runs a task with the spinner on. */
  async track<T>(task: Promise<T>): Promise<T> {
    this.busy++;
    this.update();
    try {
      return await task;
    } finally {
      this.busy--;
      this.update();
    }
  }

  update(): void {
    const { user, client } = this.source;
    if (client !== this.meterOf) {
      this.meterSub?.dispose();
      this.meterOf = client;
      // Waits of the previous client end unheard: they no longer concern this one.
      this.rateLimited = 0;
      this.rateLimitEnds = undefined;
      this.meterSub = client?.tokens.onDidChange(() => this.update());
    }
    if (!user) {
      this.item.hide();
      return;
    }
    // Names come from Pipedrive: no bidi overrides or line breaks in the status bar.
    const who = `${safeLine(user.name)}${user.company_name ? ` · ${safeLine(user.company_name)}` : ''}`;
    const waitSeconds = this.rateLimitEnds !== undefined ? Math.max(1, Math.ceil((this.rateLimitEnds - Date.now()) / 1000)) : undefined;
    const waiting =
      this.rateLimited === 0
        ? undefined
        : waitSeconds !== undefined
          ? t("Waiting for Pipedrive's rate limit (about {0} s)…", waitSeconds)
          : t("Waiting for Pipedrive's rate limit…");
    this.item.text = waiting ? `$(watch) ${t('{0} · rate limit', who)}` : `${this.busy > 0 ? '$(sync~spin)' : '$(organization)'} ${who}`;
    const tokens = client?.tokens;
    const budget = tokens?.budget;
    const lines = [
      user.company_name ? t('Pipedrive: signed in as {0} at {1}', safeLine(user.name), safeLine(user.company_name)) : t('Pipedrive: signed in as {0}', safeLine(user.name)),
      waiting,
      this.busy > 0 ? t('Reading organizations…') : undefined,
      tokens ? t('Tokens spent today by this window: {0}', formatNumber(tokens.spentToday)) : undefined,
      budget ? t('Company budget left today: {0} of {1}', formatNumber(budget.left), formatNumber(budget.limit)) : undefined,
      this.source.accounts > 1 ? t('Click to switch account, refresh, show the log or sign out') : t('Click for Refresh, the log, accounts and Sign Out'),
    ];
    this.item.tooltip = lines.filter((l): l is string => l !== undefined).join('\n');
    this.item.show();
    this.changed.fire();
  }

  dispose(): void {
    this.meterSub?.dispose();
    this.item.dispose();
    this.changed.dispose();
  }
}
