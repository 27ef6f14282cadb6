import * as vscode from 'vscode';
import { errorMessage } from '../util/errors';
import { SearchSession, type SearchState } from './SearchSession';
import { settleInput } from './settleInput';
import type { SearchPickOptions } from './UserInput';
import { t } from '../util/l10n';

/** Lines that are not results (a hint, an error): shown, never accepted. */
interface InfoItem extends vscode.QuickPickItem {
  readonly info: true;
}

const exactOff = () => ({ iconPath: new vscode.ThemeIcon('whole-word'), tooltip: t('Exact match: off (click to match the whole term exactly)') });
const exactOn = () => ({ iconPath: new vscode.ThemeIcon('pass-filled'), tooltip: t('Exact match: on (click to match parts of names too)') });

/** The real search QuickPick behind UserInput.showSearchPick. */
export function showSearchQuickPick<T extends vscode.QuickPickItem>(options: SearchPickOptions<T>): Promise<T> {
  const pick = vscode.window.createQuickPick<T | InfoItem>();
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  // Results come from the server: the QuickPick must not filter them again by label.
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const buttons = () => [
    ...(options.back ? [vscode.QuickInputButtons.Back] : []),
    ...(options.exactMatchToggle ? [session.exactMatch ? exactOn() : exactOff()] : []),
  ];
  const show = (state: SearchState<T>) => {
    pick.busy = state.kind === 'busy' || (state.kind === 'results' && state.partial === true);
    if (state.kind === 'hint') pick.items = [info('$(info) ' + state.message)];
    else if (state.kind === 'error') pick.items = [info(`$(error) ${t('Search failed: {0}', errorMessage(state.error))}`)];
    else if (state.kind === 'results') {
      pick.items = state.items.length || state.partial
        ? state.items.map((i) => ({ ...i, alwaysShow: true }))
        : [info(`$(search) ${state.exactMatch ? t('No organizations match "{0}" exactly', state.term) : t('No organizations match "{0}"', state.term)}`)];
    }
  };
  const session = new SearchSession<T>(
    { search: options.search, local: options.local, checkTerm: options.checkTerm, debounceMs: options.debounceMs },
    show,
  );
  pick.buttons = buttons();
  return new Promise<T>((resolve, reject) => {
    const settle = settleInput<T>(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, resolve, reject, {
      // The other title button toggles exact match.
      onButton: () => {
        session.setExactMatch(!session.exactMatch);
        pick.buttons = buttons();
      },
      onHide: () => session.dispose(),
    });
    settle.disposables.push(
      pick.onDidChangeValue((v) => session.setTerm(v)),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen && !('info' in chosen)) settle.answer(chosen as T);
      }),
    );
    session.setTerm('');
    pick.show();
  });
}

function info(label: string): InfoItem {
  return { label, info: true, alwaysShow: true };
}
