// The letters of the tree's root in legacy v1 mode, where the server lists by first_char. The rule
// is the one of api/firstChar.ts; names that start with a symbol get that symbol as their letter
// (first_char can list it), where the local index gathers them under OTHER_GROUP.
import { firstCodePoint, groupOf, OTHER_GROUP } from '../api/firstChar';

export const DEFAULT_LETTERS: readonly string[] = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'0123456789',
];

/** The root letter of a name: groupOf's letter or digit, else its first code point ('#' when blank). */
export function letterOf(name: string): string {
  const group = groupOf(name);
  return group !== OTHER_GROUP ? group : firstCodePoint(name) ?? '#';
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

/** The root letters seen so far (legacy v1 mode, where no index lists them): A–Z and 0–9, plus any other first character met. */
export class LetterSet {
  private readonly seen = new Set<string>(DEFAULT_LETTERS);

  /** True when the letter is new (the root must be shown again). */
  add(letter: string): boolean {
    if (this.seen.has(letter)) return false;
    this.seen.add(letter);
    return true;
  }

  sorted(): string[] {
    return [...this.seen].sort(compareLetters);
  }
}
