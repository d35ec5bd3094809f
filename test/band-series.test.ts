import { describe, expect, it } from 'vitest';
import { BRIDGE_US, bandSeries } from '../src/ui/charts/band-series';
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
  it('steps over a short run of empty bins (Net’s bursts, one per epoch) but not over an outage', () => {
    // Bursts every 100 ms in 50 ms bins (bins 1, 3, 5 empty), then nothing for 600 ms, then one.
    const t = [10_000, 110_000, 210_000, 310_000, 950_000];
    const b = new StreamBands(1, 'delay', 0, 1_000_000, 50_000);
    b.update([stream(t, [20, 30, 40, 50, 60])], 1_000_000);
    const pts = medianPoints(b);
    // No point is NaN between the bursts: the step holds the burst before.
    const before = pts.filter(([x]) => (x as number) < 350_000);
    expect(before.map(([, y]) => y)).toEqual([20, 30, 40, 50]);
    // The 600 ms silence (bins 7–18) is longer than BRIDGE_US: a gap starts where it starts.
    expect(BRIDGE_US).toBeLessThan(600_000);
    const gap = pts.find(([x]) => x === 350_000);
    expect(Number.isNaN(gap?.[1])).toBe(true);
    expect(pts.some(([x, y]) => x === 950_000 && y === 60)).toBe(true);
  });
});
