// CSV as a spreadsheet opens it: RFC 4180 quoting, a UTF-8 BOM, formulas neutralised; and
// JSON Lines one record per line.
import * as assert from 'node:assert/strict';
import { CSV_BOM, csvField, csvRecord, neutraliseFormula } from '../../../src/export/csv';
import { jsonLine } from '../../../src/export/jsonl';
import { parseCsv } from './exportKit';

describe('export: CSV and JSON Lines encoding', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes; plain text stays bare', () => {
    assert.equal(csvField('Acme'), 'Acme');
    assert.equal(csvField('Acme, Inc.'), '"Acme, Inc."');
    assert.equal(csvField('The "Best" Co'), '"The ""Best"" Co"');
    assert.equal(csvField('line1\nline2'), '"line1\nline2"');
    assert.equal(csvField('a\r\nb'), '"a\r\nb"');
    assert.equal(csvField(' padded '), '" padded "');
    assert.equal(csvField(''), '');
  });

  it('ends records with CRLF and reads back cell for cell', () => {
    const cells = ['1', 'Acme, Inc.', 'say "hi"', 'two\nlines', '東京 Ünïcode 😀', ''];
    const line = csvRecord(cells);
    assert.ok(line.endsWith('\r\n'));
    assert.deepEqual(parseCsv(line), [cells]);
  });

  it('neutralises cells starting with = + - @ tab or CR, and only those', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      const written = parseCsv(csvRecord([evil]))[0][0];
      assert.equal(written, `'${evil}`, JSON.stringify(evil));
    }
    assert.equal(neutraliseFormula('Acme = good'), 'Acme = good');
    assert.equal(neutraliseFormula('a-b'), 'a-b');
  });

  it('writes numbers as numbers: a negative amount is data, not a formula', () => {
    assert.equal(csvRecord([-5, 1200.5, 'x']), '-5,1200.5,x\r\n');
    assert.equal(csvField(Number.NaN), '');
  });

  it('the BOM is the UTF-8 byte order mark', () => {
    assert.deepEqual([...Buffer.from(CSV_BOM, 'utf8')], [0xef, 0xbb, 0xbf]);
  });

  it('JSON Lines: one line per record even when values hold line breaks', () => {
    const line = jsonLine({ Name: 'a\nb', Labels: ['x', 'y'], ID: 3, Website: null });
    assert.equal(line.split('\n').length, 2);
    assert.ok(line.endsWith('\n'));
    assert.deepEqual(JSON.parse(line), { Name: 'a\nb', Labels: ['x', 'y'], ID: 3, Website: null });
  });
});
