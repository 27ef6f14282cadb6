// A scriptable UserInput for tests (the azuretools TestUserInput pattern): queue the answers, run
// the command, and every prompt takes the next answer. A prompt with no answer queued fails the
// test with the prompt's text instead of hanging. No vscode import at run time.
import type { MessageItem, QuickPickItem } from 'vscode';
import { UserCancelledError } from '../util/errors';
import { GoBackError, type SearchPickOptions, type UserInput, type UserInputBoxOptions, type UserQuickPickOptions } from './UserInput';

/** Press Escape. */
export const CANCEL = Symbol('cancel');
/** Press the Back button. */
export const BACK = Symbol('back');

/**
 * An answer: text for an input box; for a QuickPick or a modal, the label (string or RegExp) of the
 * item or button to pick (an array of labels with canPickMany), or a predicate; CANCEL or BACK.
 */
export type Answer = string | RegExp | string[] | ((item: QuickPickItem | MessageItem) => boolean) | typeof CANCEL | typeof BACK;

export interface PromptRecord {
  kind: 'inputBox' | 'quickPick' | 'warning' | 'error' | 'info' | 'saveDialog';
  /** The prompt, placeholder, title or message shown. */
  text: string;
  /** What the person could pick (QuickPick items, modal buttons, notification actions). */
  choices?: string[];
  /** For input boxes: the validation message the answer got, if any. */
  validation?: string;
  password?: boolean;
  ignoreFocusOut?: boolean;
}

export class TestUserInput implements UserInput {
  private readonly answers: Answer[] = [];
  /** Every prompt and notification shown, oldest first. */
  readonly prompts: PromptRecord[] = [];
  /** Actions to click on notifications (showErrorMessage/showInformationMessage); default none. */
  readonly notificationActions: string[] = [];
  private readonly waiters: Array<{ kind: PromptRecord['kind']; resolve: (r: PromptRecord) => void }> = [];

  /** Queues answers for the next prompts, in order. */
  queue(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  /** Answers not used yet (a test can assert this is 0 at the end). */
  get pending(): number {
    return this.answers.length;
  }

  /** Error notifications shown so far. */
  get errors(): string[] {
    return this.prompts.filter((p) => p.kind === 'error').map((p) => p.text);
  }

  /** Resolves with the next prompt of this kind (already shown ones do not count). */
  next(kind: PromptRecord['kind']): Promise<PromptRecord> {
    return new Promise((resolve) => this.waiters.push({ kind, resolve }));
  }

  async showInputBox(options: UserInputBoxOptions): Promise<string> {
    const record: PromptRecord = { kind: 'inputBox', text: options.prompt ?? options.placeHolder ?? options.title ?? '', password: options.password, ignoreFocusOut: options.ignoreFocusOut };
    this.record(record);
    const answer = this.take(record);
    if (typeof answer !== 'string') throw new Error(`TestUserInput: input box "${record.text}" needs a string answer`);
    const problem = await options.validateInput?.(answer);
    if (problem) {
      record.validation = typeof problem === 'string' ? problem : String(problem);
      throw new Error(`TestUserInput: "${answer}" is not valid for "${record.text}": ${record.validation}`);
    }
    return answer;
  }

  showQuickPick<T extends QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: UserQuickPickOptions & { canPickMany: true }): Promise<T[]>;
  showQuickPick<T extends QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options?: UserQuickPickOptions): Promise<T>;
  async showQuickPick<T extends QuickPickItem>(itemsOrPromise: readonly T[] | Promise<readonly T[]>, options: UserQuickPickOptions = {}): Promise<T | T[]> {
    const items = await itemsOrPromise;
    const record: PromptRecord = { kind: 'quickPick', text: options.placeHolder ?? options.title ?? '', choices: items.map((i) => i.label) };
    this.record(record);
    const answer = this.take(record);
    if (options.canPickMany) {
      const labels = Array.isArray(answer) ? answer : [answer];
      return labels.map((l) => this.pick(items, l as Answer, record));
    }
    return this.pick(items, answer, record);
  }

  /**
   * A search pick takes two answers: the term typed (a string; a term the rule refuses fails the
   * test with the hint), then the result to pick among what the search returned.
   */
  async showSearchPick<T extends QuickPickItem>(options: SearchPickOptions<T>): Promise<T> {
    const record: PromptRecord = { kind: 'quickPick', text: options.placeHolder ?? options.title ?? '' };
    this.record(record);
    const term = this.take(record);
    if (typeof term !== 'string') throw new Error(`TestUserInput: search pick "${record.text}" needs a term (string) first`);
    const hint = options.checkTerm?.(term, false);
    if (hint !== undefined) {
      record.validation = hint;
      throw new Error(`TestUserInput: "${term}" is not searched in "${record.text}": ${hint}`);
    }
    const items = await options.search(term, false, new AbortController().signal);
    record.choices = items.map((i) => i.label);
    return this.pick(items, this.take(record), record);
  }

  async showWarningMessage<T extends MessageItem>(message: string, _options: { modal: true; detail?: string }, ...items: T[]): Promise<T> {
    const record: PromptRecord = { kind: 'warning', text: message, choices: items.map((i) => i.title) };
    this.record(record);
    return this.pick(items.map((i) => ({ ...i, label: i.title })) as unknown as Array<T & QuickPickItem>, this.take(record), record);
  }

  async showErrorMessage(message: string, ...actions: string[]): Promise<string | undefined> {
    this.record({ kind: 'error', text: message, choices: actions });
    return this.notificationAction(actions);
  }

  async showInformationMessage(message: string, ...actions: string[]): Promise<string | undefined> {
    this.record({ kind: 'info', text: message, choices: actions });
    return this.notificationAction(actions);
  }

  /** A save dialog takes a path (string) as its answer. */
  async showSaveDialog(options: { title?: string; defaultPath?: string }): Promise<string> {
    const record: PromptRecord = { kind: 'saveDialog', text: options.title ?? '', choices: options.defaultPath ? [options.defaultPath] : [] };
    this.record(record);
    const answer = this.take(record);
    if (typeof answer !== 'string') throw new Error(`TestUserInput: save dialog "${record.text}" needs a path (string)`);
    return answer;
  }

  private notificationAction(actions: string[]): string | undefined {
    const i = this.notificationActions.findIndex((a) => actions.includes(a));
    return i >= 0 ? this.notificationActions.splice(i, 1)[0] : undefined;
  }

  private record(r: PromptRecord): void {
    this.prompts.push(r);
    for (let i = 0; i < this.waiters.length; i++) {
      if (this.waiters[i].kind === r.kind) {
        this.waiters.splice(i, 1)[0].resolve(r);
        break;
      }
    }
  }

  private take(record: PromptRecord): Answer {
    if (this.answers.length === 0) throw new Error(`TestUserInput: no answer queued for ${record.kind} "${record.text}"`);
    const answer = this.answers.shift()!;
    if (answer === CANCEL) throw new UserCancelledError();
    if (answer === BACK) throw new GoBackError();
    return answer;
  }

  private pick<T extends QuickPickItem>(items: readonly T[], answer: Answer, record: PromptRecord): T {
    const match = (item: T) =>
      typeof answer === 'function'
        ? (answer as (i: QuickPickItem) => boolean)(item)
        : answer instanceof RegExp
          ? answer.test(item.label)
          : item.label === answer;
    const found = items.find(match);
    if (!found) throw new Error(`TestUserInput: no item ${String(answer)} in ${record.kind} "${record.text}" (items: ${record.choices?.join(', ')})`);
    return found;
  }
}
