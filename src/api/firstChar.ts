// The first-character rule, written once: which root group of the tree an organization name
// belongs to. Every part of the product (index, store, tree, reveal, client) imports it from here.

/** The group for names that start with punctuation, a symbol, an emoji, a space-only or no name. */
export const OTHER_GROUP = 'Other';

/** The first code point of the trimmed name (not the first UTF-16 unit: 東 or 😀 stays whole). */
export function firstCodePoint(name: unknown): string | undefined {
  const text = typeof name === 'string' ? name : name === null || name === undefined ? '' : String(name);
  const cp = text.trimStart().codePointAt(0);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/**
 * The root group of a name: its first letter or digit, upper-cased when that stays one character
 * (ß would become SS: kept as is), or OTHER_GROUP when the name starts with anything else or is blank.
 */
export function groupOf(name: unknown): string {
  const first = firstCodePoint(name);
  if (first === undefined || !/^[\p{L}\p{N}]$/u.test(first)) return OTHER_GROUP;
  const upper = first.toUpperCase();
  return [...upper].length === 1 ? upper : first;
}

/** True when the name belongs to the group (OTHER_GROUP included). */
export function inGroup(name: unknown, group: string): boolean {
  return groupOf(name) === group;
}

/** The `first_char` Pipedrive's v1 list filters by (lower case), or undefined for OTHER_GROUP. */
export function firstCharParam(group: string): string | undefined {
  if (group === OTHER_GROUP) return undefined;
  const lower = group.toLowerCase();
  return [...lower].length === 1 ? lower : group;
}
