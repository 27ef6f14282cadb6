// Pipedrive groups organizations by `first_char`: the first letter, lower-cased. Use the first code
// point (not the first UTF-16 unit) so 東 or an emoji is one character, not half a surrogate pair.

export function firstChar(text: string): string {
  const cp = text.trimStart().codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp).toLocaleLowerCase();
}

/** Number of user-visible code points, for validating `first_char` (must be exactly one). */
export function codePointLength(text: string): number {
  return [...text].length;
}
