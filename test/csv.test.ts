import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { flatten, toCsv } from '../src/ui/export/csv';
import { preset } from './support/presets';

describe('CSV export', () => {
  it('quotes fields as RFC 4180 says and leaves non-finite numbers empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1.5, NaN],
          [true, null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\ntrue,\r\n');
  });

  it('a summary flattens to one row per leaf, dotted keys, [i] for arrays', () => {
    const s = runToEnd(preset('primary-fails')).summary;
    const rows = flatten(s);
    const get = (k: string) => rows.find(([key]) => key === k)?.[1];
    expect(get('streams[1].lossPct')).toBe(s.streams[1]?.lossPct);
    expect(get('failover.recovered')).toBe(true);
    expect(get('availability.withFailover.nines')).toBe(s.availability.withFailover?.nines);
    expect(rows.every(([k]) => k.length > 0)).toBe(true);
  });
});
