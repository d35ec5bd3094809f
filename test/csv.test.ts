import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { flatten, toCsv } from '../src/sim/export/csv';
import { preset, valid } from './support/presets';
import { setPath } from '../src/sim/scenario/scenario';
import { traceTables } from '../src/sim/export/trace-csv';
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

describe('sip-per-second.csv for the RFC 3261 stack', () => {
  it('sums to the stack’s REGISTER attempts, successes, retransmissions and Timer F time-outs', () => {
    // No takeover for two minutes after a crash at 5 s: REGISTERs retransmit, then time out.
    const s = valid(
      Object.entries({
        durationS: 60,
        'failures.f1.atS': 5,
        'failure.detector': 'heartbeat',
        'failure.deadMs': 120_000,
        'failure.warnMs': 60_000,
      }).reduce((sc, [k, v]) => setPath(sc, k, v), preset('sip-udp-vs-tcp-failover')),
    );
    const { batches, summary } = runToEnd(s);
    const table = traceTables(batches).find((t) => t.name === 'sip-per-second.csv');
    const header = table?.rows[0] ?? [];
    const sum = (col: string) => {
      const i = header.indexOf(col);
      return (table?.rows.slice(1) ?? []).reduce((a, r) => a + Number(r[i]), 0);
    };
    const reg = summary.sip.stack?.registrations;
    expect(reg?.timeouts).toBeGreaterThan(1000);
    expect(sum(header[1] as string)).toBe(reg?.attempts);
    expect(sum(header[3] as string)).toBe(reg?.successes);
    expect(sum(header[4] as string)).toBe(reg?.timeouts);
    expect(sum(header[2] as string)).toBe(summary.sip.retransmissions);
  });
});
