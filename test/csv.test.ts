import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { flatten, toCsv } from '../src/sim/export/csv';
import { preset } from './support/presets';
import { runCli } from '../src/cli/cli';
import { nodeScenarioFiles } from '../src/cli/scenario-files';

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

describe('CLI --csv', () => {
  it('writes the summary and the charts’ series; per-second loss sums to the engine’s count', () => {
    const files: { name: string; text: string }[] = [];
    const status = runCli(
      ['primary-fails', '--csv', 'out'],
      {
        stdout: () => undefined,
        stderr: () => undefined,
        writeTextFiles: (_dir, f) => files.push(...f),
      },
      nodeScenarioFiles,
    );
    expect(status).toBe(0);
    const names = files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'summary.csv',
        'rtp-arrivals.csv',
        'rtp-loss-per-second.csv',
        'sip-per-second.csv',
        'epochs.csv',
        'cpu-slices.csv',
      ]),
    );
    const s = runToEnd(preset('primary-fails')).summary;
    const loss = (files.find((f) => f.name === 'rtp-loss-per-second.csv')?.text ?? '')
      .trim()
      .split('\r\n')
      .slice(1)
      .reduce((a, l) => a + Number(l.split(',')[1]), 0);
    expect(loss).toBe(s.streams.reduce((a, st) => a + st.lost, 0));
    const arrivals =
      (files.find((f) => f.name === 'rtp-arrivals.csv')?.text ?? '').trim().split('\r\n').length -
      1;
    expect(arrivals).toBe(s.streams.reduce((a, st) => a + st.received, 0));
  });
});
