// What a person reads in the panels: plurals, days and numbers in the display language, names
// instead of ids in changes, websites as links, and no hidden or reordering characters.
import * as assert from 'assert';
import { headerView } from '../../../src/webviews/details/detailsData';
import { DisplayNames } from '../../../src/webviews/DisplayNames';
import { flowItemView } from '../../../src/webviews/flow/flowModel';
import { cleanView, formatCount, formatDateTimeIn, formatDay, formatMoney, plural, visibilityLabel } from '../../../src/webviews/format';
import { websiteUrl } from '../../../src/webviews/validate';

const catalog = new DisplayNames(
  [
    { key: 'label_ids', name: 'Labels', field_type: 'set', options: [{ id: 1, label: 'Customer' }, { id: 8, label: 'Reseller' }] },
    { key: 'visible_to', name: 'Visible to', field_type: 'visible_to' },
    { key: 'owner_id', name: 'Owner', field_type: 'user' },
  ] as never,
  [{ id: 2, name: 'Rita Regular' }] as never,
);

function change(field_key: string, old_value: unknown, new_value: unknown) {
  return flowItemView({ object: 'organizationChange', timestamp: '2024-01-02 03:04:05', data: { id: 9, field_key, old_value, new_value, user_id: 2 } } as never, { catalog }, 0).change!;
}

describe('webview text: plurals, locale, names', () => {
  it('counts are pluralised with Intl.PluralRules ("1 email", "2 emails", "1 note")', () => {
    assert.strictEqual(plural(1, { one: 'email', other: 'emails' }), '1 email');
    assert.strictEqual(plural(2, { one: 'email', other: 'emails' }), '2 emails');
    assert.strictEqual(plural(0, { one: 'note', other: 'notes' }), '0 notes');
    const h = headerView({ id: 1, name: 'Acme', email_messages_count: 1, notes_count: 1, people_count: 2 } as never, catalog, undefined);
    const shown = h.counts.map((c) => `${c.value} ${c.label}`);
    assert.deepStrictEqual(shown, ['2 people', '1 note', '1 email']);
  });

  it('days and numbers follow the display language', () => {
    assert.strictEqual(formatDay('2024-02-29'), 'Thursday, 29 February 2024');
    assert.strictEqual(formatDay('2024-02-29', 'de'), 'Donnerstag, 29. Februar 2024');
    assert.strictEqual(formatDay('2024-02-29', 'fr'), 'jeudi 29 février 2024');
    assert.strictEqual(formatDay('2024-02-29', 'no such locale!'), 'Thursday, 29 February 2024');
    assert.strictEqual(formatCount(12345, 'de'), '12.345');
    assert.strictEqual(formatMoney(1234.5, 'EUR', 'de'), '1.234,5 EUR');
    const h = headerView({ id: 1, name: 'Acme', files_count: 12345, add_time: '2025-03-04 10:20:30', update_time: '2025-12-24T08:05:00Z' } as never, catalog, undefined, 'de');
    assert.deepStrictEqual(h.counts, [{ label: 'files', value: '12.345' }]);
    // Added / Updated through Intl in the display language (UTC, as Pipedrive sends them).
    assert.strictEqual(h.addTime, '04.03.2025, 10:20');
    assert.strictEqual(h.updateTime, '24.12.2025, 08:05');
    const en = headerView({ id: 1, name: 'Acme', add_time: '2025-03-04 10:20:30' } as never, catalog, undefined, 'en');
    assert.strictEqual(en.addTime, '4 Mar 2025, 10:20');
    assert.strictEqual(formatDateTimeIn('not a date', 'de'), 'not a date');
  });

  it('flow changes show visibility groups, label names and user names, never bare ids', () => {
    assert.deepStrictEqual(change('visible_to', '1', '3'), { field: 'Visible to', from: 'Owner & followers', to: 'Entire company' });
    assert.strictEqual(change('visible_to', '5', '7').to, 'Entire company');
    assert.strictEqual(change('visible_to', '5', '7').from, "Owner's visibility group and sub-groups");
    assert.strictEqual(change('label', '1', '8').to, 'Reseller');
    assert.strictEqual(change('owner_id', '2', '2').to, 'Rita Regular');
    const unknown = change('visible_to', '2', '2');
    assert.ok(!/^Visibility \d/.test(unknown.to), unknown.to);
    assert.ok(!/^Label \d/.test(change('label', '9', '9').to));
    assert.strictEqual(visibilityLabel(2), 'Unknown visibility (2)');
  });

  it('bare-domain websites become https links; other schemes none', () => {
    assert.strictEqual(websiteUrl('acme.com'), 'https://acme.com/');
    assert.strictEqual(websiteUrl('www.acme.co.uk/about'), 'https://www.acme.co.uk/about');
    assert.strictEqual(websiteUrl('http://acme.com'), 'http://acme.com/');
    assert.strictEqual(websiteUrl('javascript:alert(1)'), undefined);
    assert.strictEqual(websiteUrl('not a site'), undefined);
    assert.strictEqual(headerView({ id: 1, name: 'A', website: 'acme.com' } as never, catalog, undefined).website, 'https://acme.com/');
  });

  it('bidi and zero-width characters are stripped from everything a panel shows', () => {
    const h = headerView({ id: 1, name: 'Ac\u202Eme\u200B', owner_name: '\u2066Eve\u2069', address: 'Main\u200F St' } as never, catalog, undefined);
    assert.strictEqual(h.name, 'Acme');
    assert.strictEqual(h.owner, 'Eve');
    assert.strictEqual(h.address, 'Main St');
    const v = flowItemView({ object: 'note', timestamp: '2024-01-02 03:04:05', data: { id: 1, content: 'pay \u202Eredro\u202C now' } } as never, { catalog }, 0);
    assert.deepStrictEqual(v.lines, ['pay redro now']);
    assert.deepStrictEqual(cleanView({ a: ['x\u200By'], n: 3 }), { a: ['xy'], n: 3 });
  });
});
