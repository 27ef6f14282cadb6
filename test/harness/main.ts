// What test/run.js calls after building: runs the requested layers, one after another.
import * as path from 'path';
import { ensureCodeServer } from './codeServer';
import { findChromium } from './chromium';
import { runInHostLayer } from './inHost';
import { runMochaLayer } from './mochaLayer';
import { ROOT } from './paths';
import { cleanupAll } from './processes';
import { LayerResult, setupFailure } from './results';

export const LAYERS = ['unit', 'vscode', 'e2e'] as const;
export type Layer = (typeof LAYERS)[number];

export async function runLayer(layer: Layer, options: { grep?: string } = {}): Promise<LayerResult> {
  const started = Date.now();
  try {
    switch (layer) {
      case 'unit':
        return await runMochaLayer('unit', path.join(ROOT, 'out', 'test', 'unit'), { timeoutMs: 10_000, grep: options.grep });
      case 'vscode':
        findChromium();
        ensureCodeServer();
        return await runInHostLayer(options);
      case 'e2e':
        findChromium();
        ensureCodeServer();
        return await runMochaLayer('e2e', path.join(ROOT, 'out', 'test', 'e2e'), { timeoutMs: 60_000, grep: options.grep });
    }
  } catch (e) {
    return setupFailure(layer, `${layer} setup`, e, started);
  } finally {
    await cleanupAll();
  }
}
