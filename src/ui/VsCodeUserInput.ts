import * as vscode from 'vscode';
import { UserCancelledError } from '../util/errors';
import { settleInput } from './settleInput';
import { showSearchQuickPick } from './showSearchQuickPick';
import type { SearchPickOptions, UserInput, UserInputBoxOptions, UserQuickPickOptions } from './UserInput';
import { t } from '../util/l10n';

/** The real prompts. Escape rejects with UserCancelledError, Back with GoBackError. */
export class VsCodeUserInput implements UserInput {
  showInputBox(options: UserInputBoxOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.placeholder = options.placeHolder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = options.ignoreFocusOut ?? false;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    if (options.back) box.buttons = [vscode.QuickInputButtons.Back];
    return new Promise<string>((resolve, reject) => {
      const settle = settleInput<string>(box, resolve, reject);
      let validating = 0;
      const validate = async (value: string): Promise<boolean> => {
        const mine = ++validating;
        box.busy = true;
        try {
          const problem = await options.validateInput?.(value);
          // A result for an older value is stale: the person kept typing.
          if (mine !== validating) return false;
          box.validationMessage = problem ?? undefined;
          return !problem;
        } finally {
          if (mine === validating) box.busy = false;
        }
      };
      settle.disposables.push(
        box.onDidChangeValue((v) => void validate(v)),
        box.onDidAccept(async () => {
          const value = box.value;
          box.enabled = false;
          const ok = await validate(value);
          box.enabled = true;
          if (ok && box.value === value) settle.answer(value);
        }),
      );
      box.show();
    });
  }

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: UserQuickPickOptions & { canPickMany: true }): Promise<T[]>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options?: UserQuickPickOptions): Promise<T>;
  async showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: UserQuickPickOptions = {}): Promise<T | T[]> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
    pick.canSelectMany = options.canPickMany ?? false;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    pick.step = options.step;
    pick.totalSteps = options.totalSteps;
    if (options.back) pick.buttons = [vscode.QuickInputButtons.Back];
    pick.busy = true;
    const result = new Promise<T | T[]>((resolve, reject) => {
      const settle = settleInput<T | T[]>(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, resolve, reject);
      settle.disposables.push(
        pick.onDidAccept(() => {
          let chosen: T | T[] | undefined = pick.canSelectMany ? [...pick.selectedItems] : pick.selectedItems[0] ?? pick.activeItems[0];
          if (Array.isArray(chosen) && chosen.length === 0 && options.acceptHighlighted && pick.activeItems[0]) chosen = [pick.activeItems[0]];
          if (chosen) settle.answer(chosen);
        }),
      );
    });
    pick.show();
    try {
      pick.items = [...(await items)];
      // createQuickPick ignores QuickPickItem.picked (only showQuickPick honours it): preselect by hand.
      if (pick.canSelectMany) pick.selectedItems = pick.items.filter((i) => i.picked);
    } catch (e) {
      pick.hide();
      throw e;
    } finally {
      pick.busy = false;
    }
    return result;
  }

  showSearchPick<T extends vscode.QuickPickItem>(options: SearchPickOptions<T>): Promise<T> {
    return showSearchQuickPick(options);
  }

  async showWarningMessage<T extends vscode.MessageItem>(message: string, options: { modal: true; detail?: string }, ...items: T[]): Promise<T> {
    const chosen = await vscode.window.showWarningMessage(message, options, ...items);
    if (chosen === undefined || chosen.isCloseAffordance) throw new UserCancelledError();
    return chosen;
  }

  async showErrorMessage(message: string, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showErrorMessage(message, ...actions);
  }

  async showInformationMessage(message: string, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showInformationMessage(message, ...actions);
  }

  async showSaveDialog(options: { title?: string; defaultPath?: string; filters?: Record<string, string[]> }): Promise<string> {
    const uri = await vscode.window.showSaveDialog({ title: options.title, filters: options.filters, defaultUri: options.defaultPath ? vscode.Uri.file(options.defaultPath) : undefined });
    if (!uri) throw new UserCancelledError();
    if (uri.scheme !== 'file') throw new Error(t('Choose a file on this machine ({0}: is not supported).', uri.scheme));
    return uri.fsPath;
  }
}
