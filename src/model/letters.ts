// The letters of the tree's root: one node per first character of an organization name.

export const DEFAULT_LETTERS: readonly string[] = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'0123456789',
];

/**
 * The root letter of a name: its first code point (not UTF-16 unit, so 東 or an emoji stays whole),
 * upper-cased when that stays one character (ß would become SS: kept as is).
 */
export function letterOf(name: string): string {
  const first = [...String(name ?? '').trimStart()][0];
  if (first === undefined) return '#';
  const upper = first.toUpperCase();
  return [...upper].length === 1 ? upper : first;
}

/** The `first_char` Pipedrive filters by: lower case, as Pipedrive stores it. */
export function firstCharParam(letter: string): string {
  const lower = letter.toLowerCase();
  return [...lower].length === 1 ? lower : letter;
}

/** A–Z first, then 0–9, then every other character in code point order. */
export function compareLetters(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function rank(letter: string): number {
  if (/^[A-Z]$/.test(letter)) return 0;
  if (/^[0-9]$/.test(letter)) return 1;
  return 2;
}
