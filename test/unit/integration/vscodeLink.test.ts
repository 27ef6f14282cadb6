import * as assert from 'node:assert/strict';
import { organizationLink, parseOrganizationLink } from '../../../src/integration/vscodeLink';

// Links into VS Code: only /organization/<positive id> opens anything; everything else says why.

describe('VS Code links to organizations', () => {
  it('reads /organization/<id>, with or without a trailing slash', () => {
    assert.deepEqual(parseOrganizationLink('/organization/42'), { ok: true, orgId: 42 });
    assert.deepEqual(parseOrganizationLink('/organization/42/'), { ok: true, orgId: 42 });
  });

  it('refuses other paths and ids that are not positive integers, saying what is wrong', () => {
    for (const path of ['/', '/organizations/1', '/organization', '/organization/1/delete', '/deal/5']) {
      const r = parseOrganizationLink(path);
      assert.equal(r.ok, false, path);
      if (!r.ok) assert.match(r.problem, /does not point to a Pipedrive organization/);
    }
    for (const id of ['0', '-3', '1.5', 'abc', '99999999999999999999', '%2e%2e']) {
      const r = parseOrganizationLink(`/organization/${id}`);
      assert.equal(r.ok, false, id);
      if (!r.ok) assert.match(r.problem, /is not an organization id/);
    }
  });

  it('writes the link the handler reads back', () => {
    const link = organizationLink('vscode', 'Pipedrive-Orgs.pipedrive-organizations', 7);
    assert.equal(link, 'vscode://pipedrive-orgs.pipedrive-organizations/organization/7');
    assert.deepEqual(parseOrganizationLink(new URL(link).pathname), { ok: true, orgId: 7 });
  });
});
