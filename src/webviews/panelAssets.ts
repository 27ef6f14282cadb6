// The files a panel page needs, read once from dist/media and put inline into its HTML shell.
//
// Why inline: in code-server (and VS Code's web build) a webview fetches every file it links
// through a service worker that the webview registers first. A new panel's document starts about
// 0.1 s after its HTML is set, but a linked script ran only after 1.1 s: the page waited for the
// worker before it could run or style anything. Inline, the script and styles come with the
// document; only the icon font still goes through the worker, and content never waits for it.
// The nonce in the CSP admits exactly these elements, so the CSP stays as strict as with links.
import * as fs from 'fs';
import * as path from 'path';

/** What one panel page holds inline: its script and its style sheets, in order. */
export interface PanelAssets {
  script: string;
  styles: string[];
}

/** The file texts by path: built files do not change while the extension runs. */
const cache = new Map<string, string>();

function read(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/**
 * The script `<name>.js` and the style sheets (codicons, then the panels' own) from `mediaDir`.
 * `asUri` turns a file of that folder into the URL the webview may load (`asWebviewUri`): relative
 * URLs in an inline sheet or script would resolve against the webview's document, not the folder.
 */
export function readPanelAssets(mediaDir: string, name: string, asUri: (file: string) => string): PanelAssets {
  const script = read(path.join(mediaDir, `${name}.js`)).replace(/\/\/# sourceMappingURL=(\S+)\s*$/, (_, map: string) => `//# sourceMappingURL=${asUri(map)}\n`);
  // The font is the one file the page still fetches: `url("./codicon.ttf?hash")` made absolute.
  const codicons = read(path.join(mediaDir, 'codicon.css')).replace(/url\((["']?)\.\/([^"')?#]+)([^"')]*)\1\)/g, (_, q: string, file: string, rest: string) => `url(${q}${asUri(file)}${rest}${q})`);
  return { script, styles: [codicons, read(path.join(mediaDir, 'panels.css'))] };
}
