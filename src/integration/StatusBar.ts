// The status bar item: who is signed in to which company, a spinner while organizations are
// being read, today's token spend in the tooltip, and a menu on click (switch account, refresh, log, sign out).
import * as vscode from 'vscode';
import type { PipedriveClient, User } from '../api';
import { safeLine } from '../util/safeText';

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
      this.meterSub = client?.tokens.onDidChange(() => this.update());
    }
    if (!user) {
      this.item.hide();
      return;
    }
    // Names come from Pipedrive: no bidi overrides or line breaks in the status bar.
    const who = `${safeLine(user.name)}${user.company_name ? ` · ${safeLine(user.company_name)}` : ''}`;
    this.item.text = `${this.busy > 0 ? '$(sync~spin)' : '$(organization)'} ${who}`;
    const tokens = client?.tokens;
    const budget = tokens?.budget;
    const lines = [
      `Pipedrive: signed in as ${who.replace(' · ', ' at ')}`,
      this.busy > 0 ? 'Reading organizations…' : undefined,
      tokens ? `Tokens spent today by this window: ${tokens.spentToday.toLocaleString()}` : undefined,
      budget ? `Company budget left today: ${budget.left.toLocaleString()} of ${budget.limit.toLocaleString()}` : undefined,
      this.source.accounts > 1 ? 'Click to switch account, refresh, show the log or sign out' : 'Click for Refresh, the log, accounts and Sign Out',
    ];
    this.item.tooltip = lines.filter((l): l is string => l !== undefined).join('\n');
    this.item.show();
  }

  dispose(): void {
    this.meterSub?.dispose();
    this.item.dispose();
  }
}
