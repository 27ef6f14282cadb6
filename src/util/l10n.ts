// Every word the extension shows a person goes through t(), with vscode.l10n.t's semantics: the
// English message is the key, `{0}`, `{1}`… are replaced by the arguments, and a translator sees the
// whole sentence (never concatenate translated pieces). No vscode import: commands, the tree's labels
// and the model are tested without the editor, so the host hands its translator in at activation
// (`setTranslator(vscode.l10n.t, vscode.env.language)`); until then, and in unit tests, t() formats the
// English text and formatNumber() groups digits as English does.
// scripts/l10nBundle.js collects every t('…') of src/ and media/ into l10n/bundle.l10n.json.
//
// src/api stays English on purpose: its errors are also read by the output channel and by tests, and a
// message built from the server's own words is not a sentence a bundle can hold. The command boundary
// puts a translated frame ("{0} failed: {1}") around them.

export type L10nArg = string | number | boolean;
export type Translator = (message: string, ...args: L10nArg[]) => string;

let translator: Translator | undefined;
let locale = 'en';
/** Made on first use (the first Intl object of a process loads ICU data: activation need not wait for it). */
let numbers: Intl.NumberFormat | undefined;

/** The host's translator (vscode.l10n.t) and display language (vscode.env.language); undefined: English. */
export function setTranslator(next: Translator | undefined, language = 'en'): void {
  translator = next;
  locale = language;
  numbers = undefined;
}

/** A count as the display language writes it: 1,250 in English, 1.250 in German. */
export function formatNumber(n: number): string {
  if (!numbers) {
    try {
      numbers = new Intl.NumberFormat(locale);
    } catch {
      // An unknown language tag keeps English digits rather than failing.
      numbers = new Intl.NumberFormat('en');
    }
  }
  return numbers.format(n);
}

/** The message in the display language, `{n}` replaced by args[n]. The message must be a string literal. */
export function t(message: string, ...args: L10nArg[]): string {
  return translator ? translator(message, ...args) : format(message, args);
}

/** vscode.l10n.t's formatting: `{n}` becomes args[n]; a placeholder without an argument stays as it is. */
export function format(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
