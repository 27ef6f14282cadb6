import * as assert from 'node:assert/strict';
import { apiServerOf } from '../../../src/api/baseUrl';
import { AccountList, accountIdOf, accountLabel, accountOf, distinctLabels, tokenKeyOf } from '../../../src/auth/AccountList';

const ada = { id: 1, name: 'Ada Admin', email: 'ada@example.com', active_flag: true, company_id: 7001, company_name: 'Acme', company_domain: 'acme' };

/** globalState in memory, as VS Code's Memento answers it. */
function memento() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key: string, value: unknown) => void values.set(key, value), values };
}

describe('accounts: the list in globalState (no tokens)', () => {
  it('one account per person, company and server; its token key is its own', () => {
    assert.equal(accountIdOf(ada, 'https://api.pipedrive.com'), '1@7001/api.pipedrive.com');
    assert.notEqual(accountIdOf(ada, 'https://api.pipedrive.com'), accountIdOf({ ...ada, company_id: 7002 }, 'https://api.pipedrive.com'));
    assert.notEqual(accountIdOf(ada, 'https://api.pipedrive.com'), accountIdOf(ada, 'https://acme.pipedrive.com'));
    assert.equal(tokenKeyOf('1@7001/api.pipedrive.com'), 'pipedrive.apiToken:1@7001/api.pipedrive.com');
  });

  it('adding the same account again replaces it; the active one is remembered; removing forgets both', async () => {
    const m = memento();
    const list = new AccountList(m);
    const first = accountOf(ada, 'https://api.pipedrive.com', true, 1);
    const second = accountOf({ ...ada, company_id: 7002, company_name: 'Beta' }, 'https://api.pipedrive.com', true, 2);
    await list.activate(first);
    await list.activate(second);
    await list.activate({ ...first, userName: 'Ada A.', lastUsed: 3 });
    assert.deepEqual(list.all().map((a) => [a.id, a.userName]), [['1@7002/api.pipedrive.com', 'Ada Admin'], ['1@7001/api.pipedrive.com', 'Ada A.']]);
    assert.equal(list.activeId, first.id);
    assert.deepEqual(list.others(first.id).map((a) => a.id), [second.id]);
    await list.remove(first.id);
    assert.equal(list.activeId, undefined);
    assert.deepEqual(list.all().map((a) => a.id), [second.id]);
    // Nothing secret is kept in globalState.
    assert.doesNotMatch(JSON.stringify([...m.values]), /token/i);
  });

  it('what globalState holds is checked: a malformed entry is skipped, not trusted', () => {
    const m = memento();
    void m.update('pipedrive.accounts', [{ id: 1 }, 'x', null, accountOf(ada, 'https://api.pipedrive.com', true, 1)]);
    assert.deepEqual(new AccountList(m).all().map((a) => a.id), ['1@7001/api.pipedrive.com']);
  });

  it('labels name person and company, and tell apart two accounts that would read the same', () => {
    const a = accountOf(ada, 'https://api.pipedrive.com', true, 1);
    const b = accountOf(ada, 'https://eu.example.com', false, 2);
    const c = accountOf({ ...ada, id: 2, name: 'Rita', company_name: '' }, 'https://api.pipedrive.com', true, 3);
    assert.equal(accountLabel(a), 'Ada Admin · Acme');
    assert.equal(accountLabel(c), 'Rita');
    assert.deepEqual([...distinctLabels([a, b, c]).values()], ['Ada Admin · Acme (api.pipedrive.com)', 'Ada Admin · Acme (eu.example.com)', 'Rita']);
  });
});

describe('accounts: the server a person types for a new account', () => {
  it('a company domain, a host or a URL; checked like pipedrive.apiBaseUrl', () => {
    assert.equal(apiServerOf('acme'), 'https://acme.pipedrive.com');
    assert.equal(apiServerOf(' acme.pipedrive.com '), 'https://acme.pipedrive.com');
    assert.equal(apiServerOf('https://api.pipedrive.com/'), 'https://api.pipedrive.com');
    assert.equal(apiServerOf('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.throws(() => apiServerOf('http://example.org'), /must use https/);
    assert.throws(() => apiServerOf('https://user:pw@example.org'), /must not contain a user name/);
  });
});
