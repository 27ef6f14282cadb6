// Writes test-artifacts/orgIndex-figures.json. 3,009 organizations always; 100,000 (about 5 s more)
// when ORG_INDEX_100K=1, or through `node bench/.work/out/bench/orgIndex.bench.js` (see that file).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS_DIR } from '../../../harness/paths';
import * as assert from 'node:assert/strict';
import { measureIndex, measureWorkingDay, type IndexFigures } from './indexFigures';

describe('organization index figures', function () {
  this.timeout(180_000);
  it('measures walk and restart cost, heap, disk and load time; writes test-artifacts/orgIndex-figures.json', async () => {
    const sizes = process.env.ORG_INDEX_100K === '1' ? [3009, 100_000] : [3009];
    const figures: Record<string, IndexFigures> = {};
    for (const size of sizes) figures[size] = await measureIndex(size);
    figures.workingDay = await measureWorkingDay(3009);
    // A day of browsing lists nothing from Pipedrive and spends a small share of the company's budget.
    assert.equal(figures.workingDay.dayLetterExpandRequests, 0);
    assert.ok(figures.workingDay.dayShareOfBudgetPercent < 5, `a working day spends ${figures.workingDay.dayShareOfBudgetPercent} % of 30,000 tokens`);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'orgIndex-figures.json'), JSON.stringify(figures, null, 2) + '\n');
    console.log(`      orgIndex figures: ${JSON.stringify(figures)}`);
  });
});
