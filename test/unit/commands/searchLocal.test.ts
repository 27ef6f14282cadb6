import * as assert from 'node:assert/strict';
import type { Organization } from '../../../src/api/records';
import { searchLocalNames } from '../../../src/commands/localOrganizationSearch';
import { OrganizationIndex } from '../../../src/model/orgIndex/OrganizationIndex';
import { SearchSession, type SearchState } from '../../../src/ui/SearchSession';
import { FakeTimers, flush } from '../helpers/fakeTimers';

// Issue 14.5: the search picker shows name matches from the local index on the keystroke (no
// request), and Pipedrive's answer, when it comes, replaces them.

function org(id: number, name: string): Organization {
  return {
    id, name, owner_id: { id: 1, value: 1, name: 'Ann' }, active_flag: true, first_char: name.charAt(0).toLowerCase(), add_time: '2024-01-01 10:00:00',
    update_time: '2024-02-01 10:00:00', visible_to: '3', label: null, label_ids: [], address: null,
  } as Organization;
}


describe('search from the local index (issue 14.5)', () => {
  it('finds names containing the term in name order, or equal to it with exact match; none before the index is complete', () => {
    const index = new OrganizationIndex({ locale: 'en' });
    index.upsert([org(1, 'Technova'), org(2, 'Acme Technologies'), org(3, 'Beta'), org(4, 'TECHNO')]);
    assert.equal(searchLocalNames(index, 'techno', false, 50), undefined, 'an index still walking could miss organizations');
    index.setReady(true);
    assert.deepEqual(searchLocalNames(index, 'techno', false, 50)?.map((o) => o.name), ['Acme Technologies', 'TECHNO', 'Technova']);
    assert.deepEqual(searchLocalNames(index, 'Techno', true, 50)?.map((o) => o.id), [4]);
    assert.deepEqual(searchLocalNames(index, 'techno', false, 2)?.length, 2);
    index.upsert([org(5, 'Technik Partners'), { ...org(3, 'Beta Techno'), update_time: '2024-03-01 10:00:00' }]);
    assert.deepEqual(searchLocalNames(index, 'techn', false, 50)?.map((o) => o.id), [2, 3, 5, 4, 1], 'a rename or an addition is found at once');
  });

  function session() {
    const timers = new FakeTimers();
    const calls: { term: string; signal: AbortSignal; resolve: (items: string[]) => void }[] = [];
    const states: SearchState<string>[] = [];
    const names = ['Acme', 'Acme Tools', 'Technova'];
    const s = new SearchSession<string>(
      {
        search: (term, _exact, signal) => new Promise((resolve) => calls.push({ term, signal, resolve })),
        local: (term) => names.filter((n) => n.toLowerCase().includes(term.toLowerCase())),
        debounceMs: 250,
        timers,
      },
      (st) => states.push(st),
    );
    return { timers, calls, states, s };
  }

  it('shows local matches on the keystroke, before any request; the answer then replaces them', async () => {
    const { timers, calls, states, s } = session();
    s.setTerm('acme');
    assert.deepEqual(states.at(-1), { kind: 'results', term: 'acme', exactMatch: false, items: ['Acme', 'Acme Tools'], partial: true });
    assert.equal(calls.length, 0, 'no request yet');
    timers.advance(250);
    calls[0].resolve(['Acme Tools', 'Acme by address']);
    await flush();
    assert.deepEqual(states.at(-1), { kind: 'results', term: 'acme', exactMatch: false, items: ['Acme Tools', 'Acme by address'] });
  });

  it('typing on aborts the request in flight, and its late answer never replaces the newer term\'s results', async () => {
    const { timers, calls, states, s } = session();
    s.setTerm('acme');
    timers.advance(250);
    s.setTerm('acme t');
    assert.equal(calls[0].signal.aborted, true, 'one request in flight at most');
    assert.deepEqual(states.at(-1), { kind: 'results', term: 'acme t', exactMatch: false, items: ['Acme Tools'], partial: true });
    calls[0].resolve(['stale']);
    await flush();
    assert.deepEqual(states.at(-1), { kind: 'results', term: 'acme t', exactMatch: false, items: ['Acme Tools'], partial: true });
    timers.advance(250);
    calls[1].resolve(['Acme Tools']);
    await flush();
    assert.deepEqual(states.at(-1), { kind: 'results', term: 'acme t', exactMatch: false, items: ['Acme Tools'] });
  });
});
