// Where a property (or array item) of a JSON text is, so a problem can be marked on it (no vscode).
// A small scanner over valid JSON; for text that does not parse it answers undefined.
import type { DocPath } from './parseDocument';

export interface TextSpan {
  start: number;
  end: number;
}

/** The span of the deepest part of `path` found: a property's key, or an array item's value. */
export function locatePath(text: string, path: DocPath): TextSpan | undefined {
  let i = 0;
  let best: TextSpan | undefined;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // Scans one value; `depth` is how much of the path leads here (-1: off the path).
  const value = (depth: number): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (text[i] !== '}') {
        ws();
        const keyStart = i;
        const key = str();
        const on = depth >= 0 && depth < path.length && path[depth] === key;
        if (on) best = { start: keyStart, end: i };
        ws();
        i++; // ':'
        value(on ? depth + 1 : -1);
        ws();
        if (text[i] === ',') i++;
        ws();
        if (i >= text.length) throw new Error('unterminated'); // l10n-ignore: internal, caught by the caller
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      let index = 0;
      while (text[i] !== ']') {
        ws();
        const itemStart = i;
        const on = depth >= 0 && depth < path.length && path[depth] === index;
        value(on ? depth + 1 : -1);
        if (on && (!best || best.start < itemStart)) best = { start: itemStart, end: i };
        ws();
        if (text[i] === ',') i++;
        ws();
        index++;
        if (i >= text.length) throw new Error('unterminated'); // l10n-ignore: internal, caught by the caller
      }
      i++;
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && /[^\s,\]}]/.test(text[i])) i++;
    }
  };
  try {
    JSON.parse(text);
    value(0);
  } catch {
    return undefined;
  }
  return best;
}
