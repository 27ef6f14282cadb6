import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The README's settings and commands tables come from package.json (`npm run docs`): a setting or
// command added without running it makes this fail, so the README never tells users something stale.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('README tables', () => {
  it('the settings and commands tables match package.json (run `npm run docs` after changing either)', () => {
    const { render, localized } = require(path.join(ROOT, 'scripts', 'readmeTables.js')) as {
      render: (readme: string, pkg: unknown) => string;
      localized: <T>(pkg: T) => T;
    };
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { title: string }[] } };
    assert.equal(render(readme, pkg), readme);
    for (const c of localized(pkg).contributes.commands) assert.ok(readme.includes(c.title), c.title);
  });

  it('the package carries the README, its pictures and the changelog', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const kept of ['!README.md', '!CHANGELOG.md', '!media/screenshots/*.png']) assert.ok(ignore.includes(kept), kept);
    for (const img of fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      assert.ok(fs.existsSync(path.join(ROOT, img[1])), `README shows ${img[1]}, which is missing`);
    }
  });
});
