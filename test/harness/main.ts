// What test/run.js calls after building: runs the requested layers and prints per-layer results.
import { cleanupAll } from './processes';
import { runInHostLayer } from './inHost';
import { LayerResult } from './results';

export const LAYERS = ['unit', 'vscode', 'e2e'] as const;
export type Layer = (typeof LAYERS)[number];

export async function runLayer(layer: Layer, options: { grep?: string }): Promise<LayerResult> {
  try {
    switch (layer) {
      case 'vscode':
        return await runInHostLayer(options);
      default:
        throw new Error(`layer ${layer} not implemented yet`);
    }
  } finally {
    await cleanupAll();
  }
}
