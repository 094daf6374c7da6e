import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord } from './csv-cell.js';

/** A minimal RFC 4180 reader, to check that every record reads back as written. */
function readRecord(line: string): string[] {
  const cells: string[] = [];
  let index = 0;
  while (index <= line.length) {
    if (line[index] === '"') {
      let value = '';
      index += 1;
      for (;;) {
        const quote = line.indexOf('"', index);
        value += line.slice(index, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          index = quote + 2;
        } else {
          index = quote + 1;
          break;
        }
      }
      cells.push(value);
      index += 1;
    } else {
      const comma = line.indexOf(',', index);
      const end = comma === -1 ? line.length : comma;
      cells.push(line.slice(index, end));
      index = end + 1;
    }
  }
  return cells;
}

describe('csvCell', () => {
  it.each([
    ['REFUND1042', 'REFUND1042'],
    ['40.00', '40.00'],
    ['a,b', '"a,b"'],
    ['say "yes"', '"say ""yes"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each(['=HYPERLINK("http://x","y")', '+1', '-1+2', '@SUM(A1)', '\tlead', '\rlead'])(
    'keeps a spreadsheet from running %j: a quote first',
    (value) => {
      const cell = csvCell(value);
      expect(cell.replace(/^"/, '')).toMatch(/^'/);
      expect(readRecord(csvRecord([value]).slice(0, -2))).toEqual([`'${value}`]);
    },
  );

  it('reads back as written (apart from the formula quote), whatever the text', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (cells) => {
        const record = csvRecord(cells);
        expect(record.endsWith('\r\n')).toBe(true);
        const expected = cells.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell));
        expect(readRecord(record.slice(0, -2))).toEqual(expected);
      }),
    );
  });
});
