// The organization index figures in a process of their own (heap figures are cleaner without the
// test runner): first walk and restart requests/tokens, heap and disk size, load-from-disk time,
// for 3,009 and 100,000 organizations. Run: npx tsc -p bench && node bench/.work/out/bench/orgIndex.bench.js
// Writes bench/.work/orgIndex-figures.json and prints the same JSON.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureIndex, measureWorkingDay, type IndexFigures } from '../test/unit/model/orgIndex/indexFigures';

async function main(): Promise<void> {
  const figures: Record<string, IndexFigures> = {};
  for (const size of [3009, 100_000]) figures[size] = await measureIndex(size);
  figures.workingDay = await measureWorkingDay(3009);
  const out = path.join(__dirname, '..', '..', 'orgIndex-figures.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(figures, null, 2) + '\n');
  console.log(JSON.stringify(figures, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
