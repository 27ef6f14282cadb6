// The new load-path messages from the webviews (Cancel of a slow read) are validated like the rest.
import * as assert from 'assert';
import { parseDetailsMessage } from '../../../src/webviews/details/protocol';
import { parseFlowMessage } from '../../../src/webviews/flow/protocol';

describe('webview protocol: cancel of a slow read', () => {
  it('Details accepts exactly { type: "cancel" }', () => {
    assert.deepStrictEqual(parseDetailsMessage({ type: 'cancel' }), { ok: true, value: { type: 'cancel' } });
    assert.strictEqual(parseDetailsMessage({ type: 'cancel', requestId: 1 }).ok, false);
  });

  it('Flow accepts cancel with a non-negative integer requestId only', () => {
    assert.deepStrictEqual(parseFlowMessage({ type: 'cancel', requestId: 3 }), { ok: true, value: { type: 'cancel', requestId: 3 } });
    for (const bad of [{ type: 'cancel' }, { type: 'cancel', requestId: -1 }, { type: 'cancel', requestId: '3' }, { type: 'cancel', requestId: 1.5 }, { type: 'cancel', requestId: 1, x: 1 }]) {
      assert.strictEqual(parseFlowMessage(bad).ok, false, JSON.stringify(bad));
    }
  });
});
