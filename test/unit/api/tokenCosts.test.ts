import * as assert from 'node:assert/strict';
import { routeKey, TOKEN_COSTS, tokenCostOf } from '../../../src/api/tokenCosts';
import { costKey, tokenCosts } from '../../../src/sandbox/tokenCosts';

// The client's token table must say what Pipedrive's reference files say (the sandbox reads the
// x-token-cost fields straight from them): a changed cost upstream fails here.

describe('token costs', () => {
  it('the client\'s table equals the x-token-cost of every operation in the three reference files', () => {
    const reference = tokenCosts();
    const fromClient = new Map([...TOKEN_COSTS].map(([k, v]) => [costKey(k.split(' ')[0], k.split(' ')[1]), v]));
    assert.equal(fromClient.size, 45);
    assert.deepEqual(new Map([...fromClient].sort()), new Map([...reference].sort()));
  });

  it('prices a concrete request by its route: ids, queries and search', () => {
    assert.equal(tokenCostOf('GET', '/api/v2/organizations?limit=500&cursor=abc'), 10);
    assert.equal(tokenCostOf('GET', '/api/v2/organizations/42'), 1);
    assert.equal(tokenCostOf('GET', '/api/v2/organizations/search'), 20);
    assert.equal(tokenCostOf('PUT', '/v1/organizations/7/merge'), 40);
    assert.equal(tokenCostOf('DELETE', '/api/v2/organizations/7/followers/3'), 3);
    assert.equal(tokenCostOf('GET', '/v1/recents'), 20);
    assert.equal(tokenCostOf('GET', '/v2/unknown'), undefined);
    assert.equal(routeKey('get', '/v1/organizations/{id}/flow'), 'GET /v1/organizations/{}/flow');
    assert.equal(routeKey('DELETE', '/v1/organizations/:id/followers/:follower_id'), 'DELETE /v1/organizations/{}/followers/{}');
  });

  it('route keys: a number is a parameter only as a whole segment; the query and odd shapes keep their text', () => {
    const cases: Array<[string, string]> = [
      ['/api/v2/organizations/42/followers', 'GET /api/v2/organizations/{}/followers'],
      ['/api/v2/organizations/42?fields=a/1', 'GET /api/v2/organizations/{}'],
      ['/v1/organizations/4a2', 'GET /v1/organizations/4a2'],
      ['/v1/organizations/', 'GET /v1/organizations/'],
      ['/v1//7', 'GET /v1//{}'],
      ['/v1/organizations/{}', 'GET /v1/organizations/{}'],
      ['/v1/organizations/:', 'GET /v1/organizations/:'],
      ['/7', 'GET /{}'],
      ['12/x/3', 'GET 12/x/{}'],
      ['', 'GET '],
      ['?a=1', 'GET '],
    ];
    for (const [path, key] of cases) assert.equal(routeKey('GET', path), key, path);
  });
});
