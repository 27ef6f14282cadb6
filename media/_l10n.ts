// The webviews' localization: the host puts VS Code's l10n bundle for the display language in the
// HTML shell (a JSON data block, never executed; absent in English) and the display language in
// <html lang>. Configured when this module loads, before any page code calls t().
import * as l10n from '@vscode/l10n';

function configure(): void {
  const block = document.getElementById('l10n-bundle');
  if (!block?.textContent) return;
  try {
    l10n.config({ contents: JSON.parse(block.textContent) as Record<string, string> });
  } catch {
    // A broken bundle leaves the English strings.
  }
}
configure();

/** A user-facing string in the display language ('{0}' placeholders take `args`). */
export const t = (message: string, ...args: Array<string | number>): string => l10n.t(message, ...args);

/** The display language (VS Code's env.language) as the host wrote it into the shell. */
export function displayLanguage(): string {
  return document.documentElement.lang || 'en';
}
