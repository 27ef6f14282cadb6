// One panel per organization: the map replaces, forgets closed panels and disposes all.
import * as assert from 'assert';
import { PanelMap } from '../../../src/webviews/PanelMap';
import { orgIdFromArg } from '../../../src/webviews/orgIdFromArg';

class FakePanel {
  private listeners: Array<() => void> = [];
  disposed = false;
  constructor(public orgId: number) {}
  readonly onDidDispose = (l: () => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const l of this.listeners) l();
  }
}

describe('webview panels: PanelMap', () => {
  it('keys panels by organization id and forgets closed ones', () => {
    const map = new PanelMap<FakePanel>();
    const a = map.add(new FakePanel(1));
    const b = map.add(new FakePanel(2));
    assert.strictEqual(map.get(1), a);
    assert.strictEqual(map.size, 2);
    a.dispose();
    assert.strictEqual(map.get(1), undefined);
    assert.strictEqual(map.get(2), b);
  });
  it('a second panel for the same id replaces (and closes) the first', () => {
    const map = new PanelMap<FakePanel>();
    const a = map.add(new FakePanel(1));
    const a2 = map.add(new FakePanel(1));
    assert.ok(a.disposed);
    assert.strictEqual(map.get(1), a2);
    assert.strictEqual(map.size, 1);
  });
  it('a panel moved to another organization (a preview panel) is found under its new id only, and leaves when closed', () => {
    const map = new PanelMap<FakePanel>();
    const a = map.add(new FakePanel(1));
    a.orgId = 5;
    map.rekey(a, 1);
    assert.strictEqual(map.get(1), undefined);
    assert.strictEqual(map.get(5), a);
    assert.strictEqual(map.size, 1);
    a.dispose();
    assert.strictEqual(map.get(5), undefined);
    assert.strictEqual(map.size, 0);
  });
  it('dispose closes every panel', () => {
    const map = new PanelMap<FakePanel>();
    const panels = [1, 2, 3].map((id) => map.add(new FakePanel(id)));
    map.dispose();
    assert.ok(panels.every((p) => p.disposed));
    assert.strictEqual(map.size, 0);
  });
});

describe('webview panels: command arguments', () => {
  it('takes a number, a tree node with orgId or a record with id', () => {
    assert.strictEqual(orgIdFromArg(7), 7);
    assert.strictEqual(orgIdFromArg({ type: 'organization', id: 'org:7', orgId: 7 }), 7);
    assert.strictEqual(orgIdFromArg({ id: 9, name: 'x' }), 9);
    for (const bad of [undefined, null, '7', -1, 1.5, {}, { orgId: '7' }, { id: 'org:7' }]) assert.strictEqual(orgIdFromArg(bad), undefined);
  });
});
