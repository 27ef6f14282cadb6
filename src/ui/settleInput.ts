// How every prompt of ours ends: an answer resolves it, Back rejects with GoBackError, Escape or a
// click elsewhere (the input hides unanswered) rejects with UserCancelledError, and the input's
// listeners go with it. One place, so the add/update steps and the search picker end alike.
import * as vscode from 'vscode';
import { UserCancelledError } from '../util/errors';
import { GoBackError } from './UserInput';

export interface Settle<T> {
  /** Resolves with the answer and closes the input. */
  answer(value: T): void;
  /** The listeners to add to the input (and to dispose when it hides). */
  readonly disposables: vscode.Disposable[];
}

/**
 * Wires `input`'s Back button and hiding to `resolve`/`reject`. Other title buttons go to `onButton`;
 * `onHide` runs once the input is gone (after the rejection, when there was no answer).
 */
export function settleInput<T>(
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
  resolve: (value: T) => void,
  reject: (e: Error) => void,
  options: { onButton?: (button: vscode.QuickInputButton) => void; onHide?: () => void } = {},
): Settle<T> {
  let done = false;
  const disposables: vscode.Disposable[] = [input];
  disposables.push(
    input.onDidTriggerButton((b) => {
      if (b !== vscode.QuickInputButtons.Back) return options.onButton?.(b);
      done = true;
      reject(new GoBackError());
      input.hide();
    }),
    input.onDidHide(() => {
      if (!done) reject(new UserCancelledError());
      options.onHide?.();
      disposables.forEach((d) => d.dispose());
    }),
  );
  return {
    answer(value: T) {
      done = true;
      resolve(value);
      input.hide();
    },
    disposables,
  };
}
