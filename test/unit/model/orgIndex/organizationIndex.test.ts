import * as assert from 'node:assert/strict';
import type { Organization } from '../../../../src/api/records';
import { OTHER_GROUP } from '../../../../src/api/firstChar';
import { parseSort } from '../../../../src/api/sortSpec';
import { OrganizationIndex } from '../../../../src/model/orgIndex/OrganizationIndex';
import type { IndexChange } from '../../../../src/model/orgIndex/types';

/** A v1-shaped record as list routes and recents send it. */
function org(id: number, name: string, extra: Partial<Organization> = {}): Organization {
  return {
    id,
    name,
    owner_id: { id: 1, value: 1, name: 'Ann Owner' },
    active_flag: true,
    first_char: name.charAt(0).toLowerCase(),
    add_time: '2024-01-01 10:00:00',
    update_time: '2024-02-01 10:00:00',
    visible_to: '3',
    label: null,
    label_ids: [],
    address: 'Mustamäe tee 5, Tallinn',
    address_locality: 'Tallinn',
    ...extra,
  };
}

const byName = parseSort('name ASC');
const names = (index: OrganizationIndex, q: { group?: string; ownerId?: number; sort?: string } = {}) =>
  index.query({ group: q.group, ownerId: q.ownerId, sort: parseSort(q.sort ?? 'name ASC'), start: 0, limit: 1000 }).items.map((o) => o.name);

describe('organization index: groups and local queries', () => {
  it('names starting with punctuation, symbols, emoji or nothing share one Other group, shown last', () => {
    const index = new OrganizationIndex({ locale: 'en' });
    const odd = ['!Bang', '😀 Smile Co', '', '   ', '…Ellipsis', '<script>alert(1)</script>', '"Quoted" Ltd', '#1 Hash', '€uro Partners'];
    index.upsert([
      ...odd.map((n, i) => org(100 + i, n)),
      org(1, 'Acme'), org(2, 'Åbo Marin'), org(3, 'éclair SA'), org(4, '東京テック'), org(5, '3M'), org(6, 'Жемчуг'), org(7, ' zeta'),
    ]);
    const groups = index.groups();
    assert.equal(groups.at(-1)!.key, OTHER_GROUP);
    assert.equal(groups.at(-1)!.count, odd.length);
    assert.deepEqual(groups.map((g) => g.key).sort(), ['3', 'A', 'Z', 'É', 'Å', 'Ж', '東', OTHER_GROUP].sort());
    assert.deepEqual(new Set(names(index, { group: OTHER_GROUP })), new Set(odd));
    assert.deepEqual(names(index, { group: 'Z' }), [' zeta'], 'leading blanks do not hide a letter');
    assert.equal(groups.reduce((n, g) => n + g.count, 0), index.size);
  });

  it('orders groups and names with the collator of the display language (Swedish Ö after Z, German Ö beside O)', () => {
    const data = [org(1, 'Zulu AB'), org(2, 'Östra Verken'), org(3, 'Omega'), org(4, 'Åbo Marin'), org(5, 'Alfa'), org(6, 'item 10'), org(7, 'Item 9')];
    const sv = new OrganizationIndex({ locale: 'sv' });
    const de = new OrganizationIndex({ locale: 'de' });
    sv.upsert(data);
    de.upsert(data);
    assert.deepEqual(sv.groups().map((g) => g.key), ['A', 'I', 'O', 'Z', 'Å', 'Ö']);
    assert.deepEqual(de.groups().map((g) => g.key), ['A', 'Å', 'I', 'O', 'Ö', 'Z']);
    assert.deepEqual(names(sv), ['Alfa', 'Item 9', 'item 10', 'Omega', 'Zulu AB', 'Åbo Marin', 'Östra Verken']);
    assert.deepEqual(names(de), ['Åbo Marin', 'Alfa', 'Item 9', 'item 10', 'Omega', 'Östra Verken', 'Zulu AB']);
  });

  it('owner scope applies to groups and queries; sort by update time and paging with a total', () => {
    const index = new OrganizationIndex({ locale: 'en' });
    index.upsert([
      org(1, 'Alpha', { update_time: '2024-03-01 00:00:00' }),
      org(2, 'Apex', { owner_id: { id: 2, value: 2 }, update_time: '2024-05-01 00:00:00' }),
      org(3, 'Atlas', { update_time: '2024-04-01 00:00:00' }),
      org(4, 'Beta', { owner_id: { id: 2, value: 2 } }),
      org(5, 'Axis', { update_time: '2023-12-31 23:59:59' }),
    ]);
    assert.deepEqual(index.groups(2), [{ key: 'A', count: 1 }, { key: 'B', count: 1 }]);
    assert.deepEqual(index.groups(1), [{ key: 'A', count: 3 }]);
    assert.deepEqual(index.groups(99), []);
    assert.deepEqual(names(index, { group: 'A', ownerId: 1 }), ['Alpha', 'Atlas', 'Axis']);
    assert.deepEqual(names(index, { group: 'A', sort: 'update_time DESC' }), ['Apex', 'Atlas', 'Alpha', 'Axis'], 'newest first');
    const page = index.query({ group: 'A', sort: byName, start: 1, limit: 2 });
    assert.equal(page.total, 4);
    assert.deepEqual(page.items.map((o) => o.name), ['Apex', 'Atlas']);
  });

  it('records come back v1-shaped, with the owner name seen on the record and times as sent', () => {
    const index = new OrganizationIndex({ locale: 'en' });
    index.upsert([org(7, 'Acme', { label_ids: [3, 5], visible_to: '7' })]);
    const o = index.get(7)!;
    assert.equal(o.name, 'Acme');
    assert.deepEqual(o.owner_id, { id: 1, value: 1, name: 'Ann Owner' });
    assert.equal(o.owner_name, 'Ann Owner');
    assert.equal(o.update_time, '2024-02-01 10:00:00');
    assert.equal(o.add_time, '2024-01-01 10:00:00');
    assert.deepEqual(o.label_ids, [3, 5]);
    assert.equal(o.label, 3);
    assert.equal(o.visible_to, '7');
    assert.equal(o.address, 'Mustamäe tee 5, Tallinn');
    assert.equal(o.address_locality, 'Tallinn');
    assert.equal(index.get(8), undefined);
  });

  it('expanded letters follow changes: a rename, a removal and an inactive record each show at once, with one event', () => {
    const index = new OrganizationIndex({ locale: 'en' });
    const changes: IndexChange[] = [];
    index.onDidChange((c) => changes.push(c));
    index.upsert([org(1, 'Alpha'), org(2, 'Beta'), org(3, 'Bravo'), org(4, 'Charlie')]);
    assert.deepEqual(names(index, { group: 'B' }), ['Beta', 'Bravo']);
    assert.deepEqual(names(index), ['Alpha', 'Beta', 'Bravo', 'Charlie']);
    index.upsert([org(1, 'Buzz')]);
    assert.deepEqual(names(index, { group: 'B' }), ['Beta', 'Bravo', 'Buzz']);
    assert.deepEqual(names(index, { group: 'A' }), []);
    assert.equal(index.groups().some((g) => g.key === 'A'), false, 'an empty group disappears');
    index.remove([2]);
    assert.deepEqual(names(index, { group: 'B' }), ['Bravo', 'Buzz']);
    index.upsert([{ ...org(3, 'Bravo'), active_flag: false }]);
    assert.deepEqual(names(index, { group: 'B' }), ['Buzz']);
    assert.deepEqual(names(index), ['Buzz', 'Charlie']);
    assert.deepEqual(changes.map((c) => [c.upserted, c.removed, c.reset]), [
      [[1, 2, 3, 4], [], false],
      [[1], [], false],
      [[], [2], false],
      [[], [3], false],
    ]);
  });

  it('an older version of a record (a page read before our own write) does not replace the newer one', () => {
    const index = new OrganizationIndex({ locale: 'en' });
    index.upsert([org(1, 'Acme renamed by us', { update_time: '2024-05-01 10:00:01' })]);
    index.upsert([org(1, 'Acme', { update_time: '2024-05-01 10:00:00' })]);
    assert.equal(index.get(1)!.name, 'Acme renamed by us');
    index.upsert([org(1, 'Acme renamed again', { update_time: '2024-05-01 10:00:01' })]);
    assert.equal(index.get(1)!.name, 'Acme renamed again', 'the same second: the later answer wins');
  });

  it('records without a usable id or with wrong types are skipped or coerced, never thrown on', () => {
    const index = new OrganizationIndex({ locale: 'en' });
    const bad = [null, { name: 'no id' }, { id: 'x1', name: 'bad id' }, { id: 9, name: 42, owner_id: 'seven', label_ids: [null, 'a', 4], update_time: 17 }] as unknown as Organization[];
    index.upsert(bad);
    assert.equal(index.size, 1);
    const o = index.get(9)!;
    assert.equal(o.name, '42');
    assert.deepEqual(o.label_ids, [4]);
    assert.equal(o.update_time, '');
    assert.deepEqual(index.groups(), [{ key: '4', count: 1 }]);
  });
});
