// Before an API token goes to a host outside Pipedrive (a proxy, a mock, a mistyped setting), the
// person is asked once, modally; the answer is remembered per host in globalState. Loopback and
// *.pipedrive.com need no question. Every sign-in, restore and switch passes through here, so a
// changed setting or an account's own server is checked before any request goes out.
import * as vscode from 'vscode';
import { PipedriveError } from '../api';
import { checkBaseUrl, needsTokenConsent } from '../api/baseUrl';
import type { UserInput } from '../ui/UserInput';
import { isCancellation } from '../util/errors';
import { t } from '../util/l10n';

/** globalState key: the hosts outside Pipedrive the user agreed to send the token to. */
export const TRUSTED_HOSTS_KEY = 'pipedrive.trustedApiHosts';

export interface AuthOptions {
  /**
   * Asks whether the token may go to `host` (outside Pipedrive); resolves true to send it.
   * Default: a modal warning with Continue (and the modal's own Cancel).
   */
  confirmHost?: (host: string, baseUrl: string) => PromiseLike<boolean>;
  /** The extension's prompts (scriptable in tests); used for the default question when given. */
  ui?: () => Pick<UserInput, 'showWarningMessage'>;
  /** Where confirmed hosts (and the accounts) are remembered (the extension's globalState). Default: this session only. */
  memento?: Pick<vscode.Memento, 'get' | 'update'>;
  /** Whether loopback hosts need no confirmation (default true; tests turn it off to play a foreign host). */
  trustLoopback?: boolean;
}

/** The modal question, through the extension's prompts when given, else VS Code's. */
async function askHost(host: string, baseUrl: string, ui: Pick<UserInput, 'showWarningMessage'> | undefined): Promise<boolean> {
  const message = t('Send your Pipedrive API token to {0}?', host);
  const options = {
    modal: true as const,
    detail: t(
      'The API server is {0} (from pipedrive.apiBaseUrl or the account), which is not a Pipedrive server. Whoever runs {1} can use your token to read and change your Pipedrive data. Continue only if you trust it.',
      baseUrl,
      host,
    ),
  };
  const go = t('Continue');
  if (!ui) return (await vscode.window.showWarningMessage(message, options, go)) === go;
  try {
    return (await ui.showWarningMessage(message, options, { title: go })).title === go;
  } catch (e) {
    if (isCancellation(e)) return false;
    throw e;
  }
}

export class HostConsent {
  /** One question per host at a time, however many sign-ins wait on it. */
  private readonly asking = new Map<string, Promise<boolean>>();
  private sessionHosts: string[] = [];

  constructor(
    private readonly options: AuthOptions,
    private readonly log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>,
  ) {}

  /**
   * The checked base URL, once the user has agreed to send the token there. Throws kind
   * 'validation' when the URL is bad or the host was declined.
   */
  async approve(operation: string, server: string): Promise<string> {
    const baseUrl = checkBaseUrl(server);
    const host = new URL(baseUrl).host;
    if (!needsTokenConsent(baseUrl, this.confirmedHosts(), this.options.trustLoopback ?? true)) return baseUrl;
    let question = this.asking.get(host);
    if (!question) {
      const ask = this.options.confirmHost ?? ((h: string, u: string) => askHost(h, u, this.options.ui?.()));
      question = Promise.resolve(ask(host, baseUrl)).finally(() => this.asking.delete(host));
      this.asking.set(host, question);
    }
    if (!(await question)) {
      this.log.warn(`The API token was not sent to ${host}: not confirmed.`);
      throw new PipedriveError({
        kind: 'validation',
        operation,
        field: 'apiBaseUrl',
        rule: 'confirmed-host',
        message: t(
          'Your Pipedrive API token was not sent to {0}: you did not confirm that host. Set pipedrive.apiBaseUrl back to https://api.pipedrive.com, or sign in again and choose Continue.',
          host,
        ),
      });
    }
    if (!this.confirmedHosts().includes(host)) {
      const hosts = [...this.confirmedHosts(), host];
      this.sessionHosts = hosts;
      await this.options.memento?.update(TRUSTED_HOSTS_KEY, hosts);
      this.log.info(`Sending the API token to ${host} was confirmed.`);
    }
    return baseUrl;
  }

  private confirmedHosts(): string[] {
    const stored = this.options.memento?.get<unknown>(TRUSTED_HOSTS_KEY);
    const fromMemento = Array.isArray(stored) ? stored.filter((h): h is string => typeof h === 'string') : [];
    return [...new Set([...fromMemento, ...this.sessionHosts])];
  }
}
