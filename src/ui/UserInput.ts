// Every prompt the extension shows goes through this interface, so tests can answer prompts by
// script (TestUserInput) the way azuretools' IAzureUserInput / TestUserInput do. Only types come
// from vscode here: the module loads without the editor.
import type { InputBoxOptions, MessageItem, QuickPickItem, QuickPickOptions } from 'vscode';

export interface PromptStep {
  /** "Step 2 of 3" in the title bar of multi-step prompts. */
  step?: number;
  totalSteps?: number;
  /** Show a Back button; pressing it rejects with GoBackError. */
  back?: boolean;
}

export type UserInputBoxOptions = InputBoxOptions & PromptStep & {
  /** Async validation; stale results (the value changed meanwhile) are ignored. */
  validateInput?: (value: string) => string | undefined | null | Promise<string | undefined | null>;
};

export type UserQuickPickOptions = QuickPickOptions &
  PromptStep & {
    /**
     * With canPickMany: Enter with no box ticked takes the highlighted item (a list of fields to
     * choose from, where "none" means nothing to do). Not for lists where none is an answer.
     */
    acceptHighlighted?: boolean;
  };

/** A QuickPick whose items come from a search as the person types (see SearchSession). */
export interface SearchPickOptions<T extends QuickPickItem> extends PromptStep {
  title?: string;
  placeHolder?: string;
  /** Items for a term; `signal` aborts when a newer term replaces this one. */
  search(term: string, exactMatch: boolean, signal: AbortSignal): Promise<readonly T[]>;
  /**
   * Items known without a request (the local index), shown on the keystroke while search() waits
   * for the quiet period; its results then replace them. Undefined: none known.
   */
  local?(term: string, exactMatch: boolean): readonly T[] | undefined;
  /** Why a term is not searched yet (e.g. too short): shown instead of results. */
  checkTerm?(term: string, exactMatch: boolean): string | undefined;
  debounceMs?: number;
  /** Offer a button that toggles exact matching and searches again. */
  exactMatchToggle?: boolean;
}

export interface UserInput {
  /** Resolves with the entered text; rejects with UserCancelledError on Escape. */
  showInputBox(options: UserInputBoxOptions): Promise<string>;
  /** Resolves with the picked item (an array with canPickMany); rejects with UserCancelledError on Escape. */
  showQuickPick<T extends QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: UserQuickPickOptions & { canPickMany: true }): Promise<T[]>;
  showQuickPick<T extends QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options?: UserQuickPickOptions): Promise<T>;
  /** A search-as-you-type QuickPick; resolves with the picked result, rejects with UserCancelledError on Escape. */
  showSearchPick<T extends QuickPickItem>(options: SearchPickOptions<T>): Promise<T>;
  /** A modal confirmation; resolves with the chosen button, rejects with UserCancelledError on Cancel. */
  showWarningMessage<T extends MessageItem>(message: string, options: { modal: true; detail?: string }, ...items: T[]): Promise<T>;
  /** A non-modal error notification; resolves with the clicked action, if any. */
  showErrorMessage(message: string, ...actions: string[]): Promise<string | undefined>;
  /** A non-modal information notification; resolves with the clicked action, if any. */
  showInformationMessage(message: string, ...actions: string[]): Promise<string | undefined>;
  /** A save dialog; resolves with the chosen file's path, rejects with UserCancelledError on Cancel. */
  showSaveDialog(options: { title?: string; defaultPath?: string; filters?: Record<string, string[]> }): Promise<string>;
}

/** Thrown by a step whose Back button was pressed; runSteps() then returns to the previous step. */
export class GoBackError extends Error {
  readonly isGoBack = true;
  constructor() {
    super('Back');
    this.name = 'GoBackError';
  }
}

export function isGoBack(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { isGoBack?: unknown }).isGoBack === true;
}
