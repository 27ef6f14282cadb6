// The message validators of both panels: only exactly-typed messages get through.
import * as assert from 'assert';
import { parseDetailsMessage, parseDetailsState } from '../../../src/webviews/details/protocol';
import { FLOW_ITEM_TYPES, parseFlowMessage } from '../../../src/webviews/flow/protocol';
import { parseBoot, safeExternalUrl } from '../../../src/webviews/validate';
import * as fs from 'fs';
import * as path from 'path';

const deals = { status: 'won', onlyPrimary: true, sort: 'update_time DESC' };

describe('webview protocol: Details messages', () => {
  const accepted: unknown[] = [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'action', action: 'update' },
    { type: 'action', action: 'openFlow' },
    { type: 'addFollower', userId: 3 },
    { type: 'removeFollower', followerId: 70001 },
    { type: 'openExternal', url: 'https://sandbox-co.pipedrive.com/organization/1' },
    { type: 'loadSection', section: 'persons', requestId: 1 },
    { type: 'loadSection', section: 'persons', requestId: 2, start: 50 },
    { type: 'loadSection', section: 'changelog', requestId: 3, cursor: 'abc' },
    { type: 'loadSection', section: 'deals', requestId: 4, params: deals },
    { type: 'loadSection', section: 'activities', requestId: 5, params: { done: 'notDone', exclude: [1, 2] } },
    { type: 'loadSection', section: 'files', requestId: 6, start: 0, params: { sort: 'id ASC' } },
  ];
  for (const m of accepted) {
    it(`accepts ${JSON.stringify(m)}`, () => {
      const r = parseDetailsMessage(m);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepStrictEqual(r.value, m);
    });
  }

  const rejected: Array<[string, unknown]> = [
    ['not an object', 'ready'],
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['unknown type', { type: 'eval', code: 'alert(1)' }],
    ['type of wrong kind', { type: 7 }],
    ['extra junk on ready', { type: 'ready', html: '<img>' }],
    ['string user id', { type: 'addFollower', userId: '3' }],
    ['negative user id', { type: 'addFollower', userId: -3 }],
    ['zero user id', { type: 'addFollower', userId: 0 }],
    ['float follower id', { type: 'removeFollower', followerId: 1.5 }],
    ['NaN follower id', { type: 'removeFollower', followerId: NaN }],
    ['huge id', { type: 'removeFollower', followerId: 2 ** 60 }],
    ['missing follower id', { type: 'removeFollower' }],
    ['extra key on follower', { type: 'addFollower', userId: 3, orgId: 9 }],
    ['unknown action', { type: 'action', action: 'drop' }],
    ['javascript: url', { type: 'openExternal', url: 'javascript:alert(1)' }],
    ['command: url', { type: 'openExternal', url: 'command:workbench.action.terminal.new' }],
    ['file: url', { type: 'openExternal', url: 'file:///etc/passwd' }],
    ['relative url', { type: 'openExternal', url: '/organization/1' }],
    ['unknown section', { type: 'loadSection', section: 'notes', requestId: 1 }],
    ['string request id', { type: 'loadSection', section: 'persons', requestId: '1' }],
    ['negative start', { type: 'loadSection', section: 'persons', requestId: 1, start: -50 }],
    ['float start', { type: 'loadSection', section: 'persons', requestId: 1, start: 0.5 }],
    ['cursor on an offset section', { type: 'loadSection', section: 'persons', requestId: 1, cursor: 'x' }],
    ['deals without params', { type: 'loadSection', section: 'deals', requestId: 1 }],
    ['unknown deal status', { type: 'loadSection', section: 'deals', requestId: 1, params: { ...deals, status: 'archived' } }],
    ['string onlyPrimary', { type: 'loadSection', section: 'deals', requestId: 1, params: { ...deals, onlyPrimary: 'true' } }],
    ['sort injection', { type: 'loadSection', section: 'deals', requestId: 1, params: { ...deals, sort: 'title; DROP' } }],
    ['extra deal param', { type: 'loadSection', section: 'deals', requestId: 1, params: { ...deals, limit: 500 } }],
    ['unknown done filter', { type: 'loadSection', section: 'activities', requestId: 1, params: { done: 'yes', exclude: [] } }],
    ['string exclude ids', { type: 'loadSection', section: 'activities', requestId: 1, params: { done: 'all', exclude: ['1'] } }],
    ['negative exclude id', { type: 'loadSection', section: 'activities', requestId: 1, params: { done: 'all', exclude: [-1] } }],
    ['unknown file sort', { type: 'loadSection', section: 'files', requestId: 1, params: { sort: 'name ASC' } }],
    ['empty cursor', { type: 'loadSection', section: 'changelog', requestId: 1, cursor: '' }],
    ['numeric cursor', { type: 'loadSection', section: 'changelog', requestId: 1, cursor: 5 }],
  ];
  for (const [title, m] of rejected) {
    it(`rejects ${title}`, () => {
      const r = parseDetailsMessage(m);
      assert.strictEqual(r.ok, false, `accepted ${JSON.stringify(m)}`);
    });
  }

  it('restored state needs a positive integer org id', () => {
    assert.deepStrictEqual(parseDetailsState({ orgId: 7, open: [] }), { orgId: 7 });
    for (const bad of [undefined, null, {}, { orgId: '7' }, { orgId: -7 }, { orgId: 7.5 }]) assert.strictEqual(parseDetailsState(bad), undefined);
  });
});

describe('webview protocol: Flow messages', () => {
  const filter = { items: ['deal', 'note'], allChanges: true };
  it('accepts load, rendered, openExternal, openDetails, ready', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'openDetails' },
      { type: 'load', requestId: 1, filter },
      { type: 'load', requestId: 2, start: 100, limit: 500, filter: { items: [], allChanges: false } },
      { type: 'rendered', requestId: 2, count: 100, total: 200, ms: 12.5 },
      { type: 'openExternal', url: 'http://example.com/a' },
    ]) {
      const r = parseFlowMessage(m);
      assert.ok(r.ok, `${JSON.stringify(m)}: ${r.ok ? '' : r.error}`);
    }
  });
  it('rejects malformed flow messages', () => {
    for (const m of [
      { type: 'load', requestId: 1, filter: { items: ['deal', 'script'], allChanges: false } },
      { type: 'load', requestId: 1, filter: { items: 'deal', allChanges: false } },
      { type: 'load', requestId: 1, filter: { items: [], allChanges: 1 } },
      { type: 'load', requestId: 1, filter: { items: [], allChanges: false, extra: 1 } },
      { type: 'load', requestId: 1, limit: 501, filter },
      { type: 'load', requestId: 1, limit: 0, filter },
      { type: 'load', requestId: 1, start: -1, filter },
      { type: 'load', requestId: 1.5, filter },
      { type: 'load', requestId: 1 },
      { type: 'rendered', requestId: 1, count: 1, total: 1, ms: -1 },
      { type: 'rendered', requestId: 1, count: '1', total: 1, ms: 1 },
      { type: 'openExternal', url: 'javascript:alert(1)' },
      { type: 'openDetails', orgId: 5 },
      { type: 'unknown' },
      42,
    ]) {
      assert.strictEqual(parseFlowMessage(m).ok, false, `accepted ${JSON.stringify(m)}`);
    }
  });
  it('offers exactly the `items` values of the flow operation in the reference', () => {
    const spec = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/pipedrive/organizations.openapi.json'), 'utf8'));
    const op = Object.entries(spec.paths as Record<string, { get?: { parameters?: Array<{ name: string; description?: string; schema?: { enum?: string[] } }> } }>).find(([p]) => /\/organizations\/\{id\}\/flow$/.test(p))![1];
    const param = op.get!.parameters!.find((p) => p.name === 'items')!;
    const values = param.schema?.enum ?? /Possible values - ([^)]*)\)/.exec(param.description ?? '')![1].split(',').map((s) => s.trim());
    assert.deepStrictEqual([...FLOW_ITEM_TYPES].sort(), [...values].sort());
  });
});

describe('webview protocol: external links', () => {
  it('opens only absolute http(s) URLs', () => {
    assert.strictEqual(safeExternalUrl('https://a.example/x?y=1'), 'https://a.example/x?y=1');
    assert.strictEqual(safeExternalUrl('HTTP://A.example'), 'http://a.example/');
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'command:x', '//a.example', '', 5, null]) {
      assert.strictEqual(safeExternalUrl(bad), undefined, String(bad));
    }
  });
});

describe('webview protocol: the page boot report', () => {
  it('keeps a well-formed report (the worker start rounded) and drops a malformed one', () => {
    const boot = parseBoot({ docStart: 1000, workerStart: 993.6, scriptAt: 2100, resources: [{ name: 'codicon.ttf', start: 5.2, ms: 3.7 }, { name: 7 }] });
    assert.deepStrictEqual(boot, { docStart: 1000, workerStart: 994, scriptAt: 2100, resources: [{ name: 'codicon.ttf', start: 5, ms: 4 }] });
    // No worker (VS Code desktop, or a browser without one): no field, not a zero that reads as "at once".
    assert.strictEqual('workerStart' in parseBoot({ docStart: 1, workerStart: -1, scriptAt: 2, resources: [] })!, false);
    assert.strictEqual(parseBoot({ docStart: 'x', scriptAt: 2, resources: [] }), undefined);
  });
});
