import * as assert from 'node:assert/strict';
import { escapeMarkdown, oneLine, truncate } from '../../../src/util/escape';
import { firstCharParam } from '../../../src/api/firstChar';
import { compareLetters, letterOf } from '../../../src/model/letters';
import { organizationDescription, organizationTooltip } from '../../../src/tree/labels';
import { viewDescription } from '../../../src/tree/viewDescription';
import { runSteps } from '../../../src/ui/runSteps';
import { BACK, CANCEL, TestUserInput } from '../../../src/ui/TestUserInput';
import { isCancellation } from '../../../src/util/errors';

describe('tree text', () => {
  it('escapes markdown and HTML in tooltips', () => {
    const s = escapeMarkdown('<img src=x onerror=alert(1)> **bold** [link](http://x) `code` & #h');
    assert.ok(!s.includes('<img'));
    assert.ok(s.includes('&lt;img'));
    assert.ok(s.includes('\\*\\*bold\\*\\*'));
    assert.ok(s.includes('\\[link\\]\\(http://x\\)'));
    assert.ok(s.includes('&amp;'));
    assert.ok(!/\n/.test(escapeMarkdown('a\nb\r\nc')));
  });

  it('builds the organization tooltip only from escaped text', () => {
    const md = organizationTooltip({ id: 3, name: '<script>alert("x")</script> Ltd', ownerName: '*Eve*', address: '[x](javascript:alert(1))', counts: {} });
    assert.ok(!md.includes('<script>'));
    assert.ok(!md.includes('](javascript'));
    assert.match(md, /ID: 3/);
  });

  it('describes an organization by owner and city', () => {
    assert.equal(organizationDescription({ id: 1, name: 'A', ownerName: 'Ada Admin', locality: 'Tallinn', counts: {} }), 'Ada Admin · Tallinn');
    assert.equal(organizationDescription({ id: 1, name: 'A', counts: {} }), '');
  });

  it('keeps labels on one line and truncates by code point', () => {
    assert.equal(oneLine('a\u2028b\tc'), 'a b c');
    // A right-to-left override would make "Acme\u202Eevil" read as "Acmelive" in a label or a confirmation.
    assert.equal(oneLine('Acme\u202Eevil\u200B\u2066x\u2069'), 'Acmeevilx');
    assert.equal(truncate('東京テック株式会社', 4), '東京テ…');
  });

  it('groups names by their first code point, upper-cased', () => {
    assert.equal(letterOf('acme'), 'A');
    assert.equal(letterOf('  école'), 'É');
    assert.equal(letterOf('東京テック'), '東');
    assert.equal(letterOf('😀 Smile Inc'), '😀');
    assert.equal(letterOf('ß-Werk'), 'ß');
    assert.equal(firstCharParam('É'), 'é');
    assert.deepEqual(['Ж', '1', 'B', 'A', '<'].sort(compareLetters), ['A', 'B', '1', '<', 'Ж']);
  });

  it('shows user, company and scope in the view description', () => {
    assert.equal(viewDescription({ name: 'Ada', company_name: 'Co' }, {}), 'Ada · Co');
    assert.equal(viewDescription({ name: 'Ada', company_name: 'Co' }, { ownerId: 2, ownerName: 'Rita', filterId: 1, filterName: 'Tech' }), 'Ada · Co · Owner: Rita · Filter: Tech');
  });
});

describe('TestUserInput and runSteps', () => {
  it('answers prompts in order and records them', async () => {
    const ui = new TestUserInput().queue('token', 'Two');
    assert.equal(await ui.showInputBox({ prompt: 'Token', password: true }), 'token');
    const picked = await ui.showQuickPick([{ label: 'One' }, { label: 'Two' }], { placeHolder: 'Pick' });
    assert.equal(picked.label, 'Two');
    assert.deepEqual(ui.prompts.map((p) => p.kind), ['inputBox', 'quickPick']);
    assert.equal(ui.prompts[0].password, true);
  });

  it('fails loudly when no answer is queued, and CANCEL is a silent cancellation', async () => {
    const ui = new TestUserInput();
    await assert.rejects(ui.showInputBox({ prompt: 'Name' }), /no answer queued for inputBox "Name"/);
    ui.queue(CANCEL);
    await ui.showInputBox({ prompt: 'Name' }).then(
      () => assert.fail('should cancel'),
      (e) => assert.ok(isCancellation(e)),
    );
  });

  it('runSteps goes back a step on BACK', async () => {
    const ui = new TestUserInput().queue('first', BACK, 'again', 'second');
    const seen: string[] = [];
    const state = await runSteps({ a: '', b: '' }, [
      async (s) => {
        s.a = await ui.showInputBox({ prompt: 'a' });
        seen.push(s.a);
      },
      async (s, pos) => {
        s.b = await ui.showInputBox({ prompt: 'b', ...pos });
      },
    ]);
    assert.deepEqual(state, { a: 'again', b: 'second' });
    assert.deepEqual(seen, ['first', 'again']);
  });
});
