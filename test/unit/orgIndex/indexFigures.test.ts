// Writes test-artifacts/orgIndex-figures.json. 3,009 organizations always; 100,000 (about 5 s more)
// when ORG_INDEX_100K=1, or through `node bench/.work/out/bench/orgIndex.bench.js` (see that file).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS_DIR } from '../../harness/paths';
import { measureIndex, type IndexFigures } from './indexFigures';

describe('organization index figures', function () {
  this.timeout(180_000);
  it('measures walk and restart cost, heap, disk and load time; writes test-artifacts/orgIndex-figures.json', async () => {
    const sizes = process.env.ORG_INDEX_100K === '1' ? [3009, 100_000] : [3009];
    const figures: Record<string, IndexFigures> = {};
    for (const size of sizes) figures[size] = await measureIndex(size);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'orgIndex-figures.json'), JSON.stringify(figures, null, 2) + '\n');
    console.log(`      orgIndex figures: ${JSON.stringify(figures)}`);
  });
});
