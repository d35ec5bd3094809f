import { describe, expect, it } from 'vitest';
import { RECURRING_RUNS, bandSeries, bridgeBins } from '../src/ui/charts/band-series';
import { StreamBands } from '../src/ui/charts/stream-bands';
import type { RtpSeries } from '../src/ui/views/run-view-cols';

/** One stream whose packets arrive at `t` (µs) with `delay` ms. */
const stream = (t: number[], delay: number[]): RtpSeries => ({
  t: Float64Array.from(t),
  jitterMs: new Float32Array(t.length),
  delayMs: Float32Array.from(delay),
  seq: Uint32Array.from(t.map((_, i) => i)),
});

const medianPoints = (b: StreamBands) => {
  const line = bandSeries(b, 'delay').find((s) => s.kind === 'line');
  return (line?.points ?? []).map((p) => [p[0], p[1]]);
};

describe('band series over bins without packets', () => {
  it('steps over recurring short runs of empty bins (Net’s bursts, one per epoch), not an outage', () => {
    // Bursts every 100 ms in 50 ms bins (every other bin empty) to 700 ms, then nothing for
    // 1 s, then one more: six one-bin runs (the pattern) and one of 20 bins (an outage).
    const t = [10_000, 110_000, 210_000, 310_000, 410_000, 510_000, 610_000, 710_000, 1_760_000];
    const b = new StreamBands(1, 'delay', 0, 2_000_000, 50_000);
    b.update([stream(t, [20, 30, 40, 50, 60, 70, 80, 90, 99])], 2_000_000);
    expect(bridgeBins(b, b.bins)).toBe(2);
    const pts = medianPoints(b);
    // No point is NaN between the bursts: the step holds the burst before.
    const before = pts.filter(([x]) => (x as number) < 750_000);
    expect(before.map(([, y]) => y)).toEqual([20, 30, 40, 50, 60, 70, 80, 90]);
    // The long silence starts a gap where it starts.
    const gap = pts.find(([x]) => x === 750_000);
    expect(Number.isNaN(gap?.[1])).toBe(true);
    expect(pts.some(([x, y]) => x === 1_750_000 && y === 99)).toBe(true);
  });

  it('a single silence is a gap however short (a live migration’s 0.34 s blackout)', () => {
    // Every 20 ms but for 340 ms from 1 s: one run of empty 50 ms bins, no pattern.
    const t: number[] = [];
    for (let x = 0; x < 2_000_000; x += 20_000) if (x < 1_000_000 || x >= 1_340_000) t.push(x);
    const b = new StreamBands(1, 'delay', 0, 2_000_000, 50_000);
    b.update(
      [
        stream(
          t,
          t.map(() => 10),
        ),
      ],
      2_000_000,
    );
    expect(RECURRING_RUNS).toBeGreaterThan(1);
    expect(bridgeBins(b, b.bins)).toBe(0);
    expect(medianPoints(b).some(([x, y]) => x === 1_000_000 && Number.isNaN(y))).toBe(true);
  });
});
