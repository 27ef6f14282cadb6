import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { PipedriveError } from '../../../src/api/PipedriveError';
import { normalizeBaseUrl } from '../../../src/api/PipedriveApiBase';
import * as v from '../../../src/api/validators';
import { makeClient, rejection, type ClientHarness } from '../helpers/clientKit';

describe('client: bad input never reaches the network', () => {
  let sandbox: Sandbox;
  let h: ClientHarness;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: 50, apiMode: 'legacy-v1' });
    h = makeClient(sandbox.url, sandbox.token);
  });
  after(async () => {
    h.client.dispose();
    await sandbox.close();
  });
  beforeEach(() => sandbox.clearLog());

  const c = () => h.client;
  const cases: Array<[string, () => Promise<unknown>, string, string]> = [
    ['id 0', () => c().getOrganization(0), 'id', 'positive-integer'],
    ['id negative', () => c().getOrganization(-3), 'id', 'positive-integer'],
    ['id fractional', () => c().listOrganizationPersons(1.5), 'id', 'positive-integer'],
    ['id NaN', () => c().deleteOrganization(Number.NaN), 'id', 'positive-integer'],
    ['first_char empty', () => c().listOrganizations({ first_char: '' }), 'first_char', 'single-character'],
    ['first_char two', () => c().listOrganizations({ first_char: 'ab' }), 'first_char', 'single-character'],
    ['collection first_char two', () => c().getOrganizationsCollection({ first_char: 'xy' }), 'first_char', 'single-character'],
    ['limit 0', () => c().listOrganizations({ limit: 0 }), 'limit', 'range-1-500'],
    ['limit 501', () => c().getOrganizationsCollection({ limit: 501 }), 'limit', 'range-1-500'],
    ['files limit 101', () => c().listOrganizationFiles(1, { limit: 101 }), 'limit', 'range-1-100'],
    ['start negative', () => c().listOrganizations({ start: -1 }), 'start', 'non-negative-integer'],
    ['visible_to 2', () => c().addOrganization({ name: 'X', visible_to: 2 as never }), 'visible_to', 'one-of-1-3-5-7'],
    ['visible_to on update', () => c().updateOrganization(1, { visible_to: 4 as never }), 'visible_to', 'one-of-1-3-5-7'],
    ['merge with itself', () => c().mergeOrganizations(7, 7), 'merge_with_id', 'differs-from-id'],
    ['merge_with_id invalid', () => c().mergeOrganizations(7, 0), 'merge_with_id', 'positive-integer'],
    ['bulk ids empty', () => c().deleteOrganizations([]), 'ids', 'non-empty'],
    ['bulk id invalid', () => c().deleteOrganizations([1, -2]), 'ids[1]', 'positive-integer'],
    ['search term short', () => c().searchOrganizations({ term: 'a' }), 'term', 'min-length-2'],
    ['search term blank exact', () => c().searchOrganizations({ term: ' ', exact_match: true }), 'term', 'min-length-1'],
    ['name blank on add', () => c().addOrganization({ name: '   ' }), 'name', 'non-empty'],
    ['name blank on update', () => c().updateOrganization(1, { name: '' }), 'name', 'non-empty'],
    ['name blank on v2 add', () => c().v2.addOrganizationV2({ name: '\t' }), 'name', 'non-empty'],
    ['follower user id', () => c().addOrganizationFollower(1, 0), 'user_id', 'positive-integer'],
    ['follower id', () => c().deleteOrganizationFollower(1, -1), 'follower_id', 'positive-integer'],
    ['owner_id', () => c().addOrganization({ name: 'X', owner_id: 0 }), 'owner_id', 'positive-integer'],
  ];

  for (const [title, call, field, rule] of cases) {
    it(`${title}: validation error naming ${field}, zero requests`, async () => {
      const e = await rejection(call());
      assert.ok(e instanceof PipedriveError, String(e));
      assert.equal(e.kind, 'validation');
      assert.equal(e.field, field);
      assert.equal(e.rule, rule);
      assert.match(e.message, new RegExp(field.replace(/[[\]]/g, '\\$&')));
      assert.equal(sandbox.log.length, 0);
    });
  }

  it('accepts one code point beyond the BMP and a single accented letter', () => {
    assert.equal(v.checkFirstChar('😀'), undefined);
    assert.equal(v.checkFirstChar('Ä'), undefined);
    assert.ok(v.checkFirstChar('e\u0301'), 'two code points is not one character');
  });

  it('search term of one character is fine with exact_match', () => {
    assert.equal(v.checkSearchTerm('x', true), undefined);
    assert.ok(v.checkSearchTerm('x', false));
  });

  it('validates the base URL: http(s) only, trailing slash stripped', () => {
    assert.equal(normalizeBaseUrl('https://acme.pipedrive.com/'), 'https://acme.pipedrive.com');
    assert.equal(normalizeBaseUrl(undefined), 'https://api.pipedrive.com');
    for (const bad of ['ftp://x.pipedrive.com', 'not a url', 'https://u:p@x.com', 'https://x.com/?api_token=1']) {
      const e = (() => {
        try {
          normalizeBaseUrl(bad);
        } catch (err) {
          return err as PipedriveError;
        }
        return undefined;
      })();
      assert.ok(e instanceof PipedriveError && e.kind === 'validation' && e.field === 'baseUrl', bad);
    }
  });
});
