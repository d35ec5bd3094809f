import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamBands, type BandMetric } from '../src/ui/charts/stream-bands';
import type { RtpSeries } from '../src/ui/views/run-view-cols';

/**
 * A stream sending every 20 ms with a random delay per packet (so packets overtake one another)
 * and random losses, as its receiver's columns hold it: in arrival order.
 */
const streamArb = fc
  .array(
    // Six in ten lost: runs of losses longer than the largest delay (a gap revealed late).
    fc.record({ delayMs: fc.integer({ min: 1, max: 60 }), lost: fc.integer({ min: 0, max: 9 }) }),
    { minLength: 10, maxLength: 40 },
  )
  .map((pkts): RtpSeries => {
    const rows = pkts
      .map((p, seq) => ({
        seq,
        sent: 20_000 * seq,
        delayMs: p.delayMs,
        lost: seq > 0 && p.lost < 6,
      }))
      .filter((p) => !p.lost)
      .map((p) => ({ ...p, t: p.sent + 1000 * p.delayMs }))
      .sort((a, b) => a.t - b.t || a.seq - b.seq);
    return {
      t: Float64Array.from(rows.map((r) => r.t)),
      jitterMs: Float32Array.from(rows.map((r) => r.delayMs / 10)),
      delayMs: Float32Array.from(rows.map((r) => r.delayMs)),
      seq: Uint32Array.from(rows.map((r) => r.seq)),
    };
  });

describe('percentile bands, property: a playhead moved any way gives a fresh build’s bands', () => {
  it.each(['loss', 'jitter', 'delay'] as BandMetric[])('%s', (metric) => {
    fc.assert(
      fc.property(
        fc.array(streamArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 1_200_000 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 200_000 }),
        (series, untils, t0) => {
          const fresh = (until: number) => {
            const b = new StreamBands(series.length, metric, t0, 1_200_000, 100_000);
            b.update(series, until);
            return b;
          };
          const moved = new StreamBands(series.length, metric, t0, 1_200_000, 100_000);
          for (const until of untils) {
            moved.update(series, until);
            const f = fresh(until);
            for (let k = 0; k < series.length; k++)
              for (let bin = 0; bin < f.bins; bin++)
                expect(moved.valueOf(k, bin), `stream ${k} bin ${bin} at ${until}`).toEqual(
                  f.valueOf(k, bin),
                );
            expect([...moved.median]).toEqual([...f.median]);
            expect([...moved.count]).toEqual([...f.count]);
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
