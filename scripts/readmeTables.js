// The README's settings and commands tables, generated from package.json so they never drift:
// `npm run docs` rewrites them between their markers; a unit test fails when they are stale.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');

function cell(text) {
  return String(text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Where a command can be run from, in words. */
function placesOf(id, menus) {
  const places = new Set();
  for (const [menu, entries] of Object.entries(menus ?? {})) {
    if (!entries.some((e) => e.command === id)) continue;
    if (menu === 'commandPalette') continue;
    if (menu === 'view/title') places.add('view title');
    else if (menu === 'view/item/context') places.add('tree context menu');
    else if (menu === 'editor/title') places.add('editor title');
    else places.add(menu);
  }
  const hidden = (menus?.commandPalette ?? []).some((e) => e.command === id && e.when === 'false');
  if (!hidden) places.add('palette');
  return [...places].join(', ');
}

function settingsTable(pkg) {
  const rows = ['| setting | default | scope | meaning |', '| --- | --- | --- | --- |'];
  for (const [key, s] of Object.entries(pkg.contributes.configuration.properties)) {
    const values = s.enum ? ` One of ${s.enum.map((v) => `\`${v}\``).join(', ')}.` : '';
    rows.push(`| \`${key}\` | \`${cell(JSON.stringify(s.default))}\` | ${s.scope ?? 'window'} | ${cell(s.markdownDescription ?? s.description)}${values} |`);
  }
  return rows.join('\n');
}

function commandsTable(pkg) {
  const keys = new Map((pkg.contributes.keybindings ?? []).map((k) => [k.command, `\`${k.key}\` (\`${k.mac ?? k.key}\` on macOS)`]));
  const rows = ['| command | where | keys |', '| --- | --- | --- |'];
  for (const c of pkg.contributes.commands) {
    rows.push(`| ${cell(`${c.category ? `${c.category}: ` : ''}${c.title}`)} | ${placesOf(c.command, pkg.contributes.menus)} | ${keys.get(c.command) ?? ''} |`);
  }
  return rows.join('\n');
}

/**
 * The manifest with every `%key%` string replaced by its English text from package.nls.json (VS Code
 * does the same at load time), so the README shows words, not keys. A key missing there throws.
 */
function localized(pkg, nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'))) {
  return JSON.parse(JSON.stringify(pkg), (_, value) => {
    const key = typeof value === 'string' ? /^%(.+)%$/.exec(value)?.[1] : undefined;
    if (key === undefined) return value;
    if (typeof nls[key] !== 'string') throw new Error(`package.json uses %${key}%, which package.nls.json lacks`);
    return nls[key];
  });
}

/** The README with both tables replaced between `<!-- name:start -->` and `<!-- name:end -->`. */
function render(readme, rawPkg) {
  const pkg = localized(rawPkg);
  const tables = { settings: settingsTable(pkg), commands: commandsTable(pkg) };
  let out = readme;
  for (const [name, table] of Object.entries(tables)) {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
    out = out.replace(re, (_, a, b) => `${a}\n${table}\n${b}`);
  }
  return out;
}

module.exports = { render, localized };

if (require.main === module) {
  const file = path.join(ROOT, 'README.md');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.writeFileSync(file, render(fs.readFileSync(file, 'utf8'), pkg));
  console.log('README.md: settings and commands tables written from package.json');
}
