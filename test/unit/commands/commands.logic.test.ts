import * as assert from 'node:assert/strict';
import type { Organization, OrganizationField } from '../../../src/api';
import { describeCounts, keepLabel, mergeCounts, mergeDetail } from '../../../src/commands/mergeSummary';
import { changedFields, checkAddTime, labelChoices, nameProblem, valuesOf, visibilityChoices } from '../../../src/commands/editValues';
import { searchHint } from '../../../src/commands/pickOrganization';
import { organizationWebUrl } from '../../../src/model/organization';
import { SearchSession, type SearchState } from '../../../src/ui/SearchSession';
import { FakeTimers, flush } from '../helpers/fakeTimers';


describe('SearchSession (the search picker logic)', () => {
  function setup() {
    const timers = new FakeTimers();
    const calls: { term: string; exact: boolean; signal: AbortSignal; resolve: (items: string[]) => void }[] = [];
    const states: SearchState<string>[] = [];
    const session = new SearchSession<string>(
      {
        search: (term, exact, signal) => new Promise((resolve) => calls.push({ term, exact, signal, resolve })),
        checkTerm: searchHint,
        debounceMs: 250,
        timers,
      },
      (s) => states.push(s),
    );
    return { timers, calls, states, session };
  }

  it('typing a 6-letter word quickly makes one request, for the whole word', () => {
    const { timers, calls, session } = setup();
    let typed = '';
    for (const ch of 'sandbo') {
      typed += ch;
      session.setTerm(typed);
      timers.advance(100);
    }
    timers.advance(250);
    assert.deepEqual(calls.map((c) => c.term), ['sandbo']);
  });

  it('a term shorter than 2 characters shows a hint and makes no request; 1 is enough with exact match', () => {
    const { timers, calls, states, session } = setup();
    session.setTerm('a');
    timers.advance(1000);
    assert.equal(calls.length, 0);
    assert.equal(states.at(-1)?.kind, 'hint');
    assert.match((states.at(-1) as { message: string }).message, /at least 2 characters/);
    session.setExactMatch(true);
    assert.deepEqual(calls.map((c) => [c.term, c.exact]), [['a', true]]);
  });

  it('a newer term aborts the older request and its late answer is ignored', async () => {
    const { timers, calls, states, session } = setup();
    session.setTerm('acme');
    timers.advance(250);
    session.setTerm('acme t');
    assert.equal(calls[0].signal.aborted, true);
    timers.advance(250);
    calls[1].resolve(['new']);
    calls[0].resolve(['stale']);
    await flush();
    const results = states.filter((s) => s.kind === 'results');
    assert.deepEqual(results, [{ kind: 'results', term: 'acme t', exactMatch: false, items: ['new'] }]);
  });

  it('the exact-match toggle searches the current term again at once', () => {
    const { timers, calls, session } = setup();
    session.setTerm('acme');
    timers.advance(250);
    session.setExactMatch(true);
    assert.deepEqual(calls.map((c) => [c.term, c.exact]), [['acme', false], ['acme', true]]);
    assert.equal(calls[0].signal.aborted, true);
  });

  it('a failed search becomes an error state, not a rejection', async () => {
    const timers = new FakeTimers();
    const states: SearchState<string>[] = [];
    const session = new SearchSession<string>({ search: () => Promise.reject(new Error('boom')), timers }, (s) => states.push(s));
    session.setTerm('acme');
    timers.advance(250);
    await flush();
    assert.equal(states.at(-1)?.kind, 'error');
  });
});

describe('organization prompts (pure parts)', () => {
  it('checks the add time: empty is fine, the form and a real past moment are required', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(checkAddTime('', now), undefined);
    assert.equal(checkAddTime('2024-05-17 09:30:00', now), undefined);
    assert.match(checkAddTime('2024-05-17', now)!, /YYYY-MM-DD HH:MM:SS/);
    assert.match(checkAddTime('2024-02-30 10:00:00', now)!, /not a real/);
    assert.match(checkAddTime('2024-01-01 24:00:00', now)!, /not a real/);
    assert.match(checkAddTime('2030-01-01 00:00:00', now)!, /future/);
  });

  it('refuses empty names with the client rule', () => {
    assert.ok(nameProblem('   '));
    assert.equal(nameProblem('Acme'), undefined);
  });

  it('takes labels and visibility names from the organization fields', () => {
    const fields = [
      { id: 3, key: 'label_ids', name: 'Labels', field_type: 'set', options: [{ id: 1, label: 'Customer' }, { id: 2, label: 'Prospect' }] },
      { id: 6, key: 'visible_to', name: 'Visible to', field_type: 'visible_to', options: [{ id: 1, label: 'Owner & followers' }, { id: 3, label: 'Entire company' }] },
    ] as OrganizationField[];
    assert.deepEqual(labelChoices(fields), [{ value: 1, label: 'Customer' }, { value: 2, label: 'Prospect' }]);
    assert.deepEqual(visibilityChoices(fields).map((c) => c.value), [1, 3, 5, 7]);
    assert.equal(visibilityChoices(fields)[1].label, 'Entire company');
    assert.equal(visibilityChoices([])[2].label, "Owner's visibility group");
    assert.deepEqual(labelChoices([]), []);
  });

  it('sends only the fields that changed', () => {
    const org = { id: 1, name: 'Acme', owner_id: { id: 2, value: 2 }, label: 1, label_ids: [1, 3], visible_to: '3' } as unknown as Organization;
    const before = valuesOf(org);
    assert.deepEqual(before, { name: 'Acme', ownerId: 2, labelIds: [1, 3], visibleTo: 3 });
    assert.deepEqual(changedFields(before, { name: 'Acme ', ownerId: 2, labelIds: [3, 1], visibleTo: 3 }), {});
    assert.deepEqual(changedFields(before, { name: 'Bolt', ownerId: 2 }), { name: 'Bolt' });
    assert.deepEqual(changedFields(before, { labelIds: [], visibleTo: 1 }), { label_ids: [], visible_to: 1 });
  });
});

describe('merge summary', () => {
  const a = { id: 1, name: 'Alpha', people_count: 3, open_deals_count: 1, closed_deals_count: 1, activities_count: 0, files_count: 1, followers_count: 2 } as unknown as Organization;
  it('counts what moves (persons, deals, activities, files, followers)', () => {
    assert.equal(describeCounts(mergeCounts(a)), '3 persons, 2 deals, 0 activities, 1 file, 2 followers');
    assert.equal(describeCounts(mergeCounts({ id: 2, name: 'B' } as Organization)), '? persons, ? deals, ? activities, ? files, ? followers');
  });
  it('names which one survives', () => {
    assert.equal(keepLabel({ name: 'Beta' }, { name: 'Alpha' }), 'Keep "Beta" (merge "Alpha" into "Beta")');
    assert.match(mergeDetail({ name: 'Beta' }, { name: 'Alpha' }, mergeCounts(a)), /"Alpha" is deleted; its 3 persons.*move to "Beta"\. Where both have a value, "Beta"'s is kept/);
  });
});

describe('organization links', () => {
  it('builds https://{company_domain}.pipedrive.com/organization/{id}', () => {
    assert.equal(organizationWebUrl('sandbox-co', 42), 'https://sandbox-co.pipedrive.com/organization/42');
  });
});
