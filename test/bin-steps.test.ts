import { describe, expect, it } from 'vitest';
import { binSteps } from '../src/ui/charts/bin-steps';

const BIN = 100_000;

describe('binSteps: 100 ms bins as a step line with gaps', () => {
  it('zoomed in: each bin holds to its end; a missing bin is a gap; the last bin ends in one', () => {
    // Bins at 0, 0.1, 0.2 s, then 0.5 s; 1 s window on 1000 px (1 ms columns).
    const p = binSteps([0, 1e5, 2e5, 5e5], [1, 2, 3, 4], BIN, 0, 1e6, 1e6, 1000);
    expect(p).toEqual([
      [0, 1],
      [1e5, 2],
      [2e5, 3],
      [3e5, 3],
      [3e5, NaN],
      [5e5, 4],
      [6e5, 4],
      [6e5, NaN],
    ]);
  });

  it('zoomed out: bins merge per column into their largest value; only an empty column is a gap', () => {
    // Every bin from 0 to 10 s but 4–6 s; 100 s window on 100 px (1 s columns).
    const t: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < 100; k++)
      if (k < 40 || k >= 60) {
        t.push(k * BIN);
        v.push(k === 7 ? 50 : 1);
      }
    const p = binSteps(t, v, BIN, 0, 100e6, 100e6, 100);
    const gaps = p.filter(([, y]) => Number.isNaN(y)).map(([x]) => x);
    // One gap after the 3 s column (4 and 5 s empty) and one at the end.
    expect(gaps).toEqual([4e6, 10e6]);
    expect(p[0]).toEqual([0, 50]);
    // No gap where every column has a bin, however the bins fall.
    expect(p.filter(([x, y]) => x < 4e6 && Number.isNaN(y))).toEqual([]);
  });

  it('only the window: bins before it are skipped, those after `until` not drawn', () => {
    const t = [0, 1e5, 2e5, 3e5, 4e5];
    const p = binSteps(t, [1, 2, 3, 4, 5], BIN, 2e5, 1e6, 3e5, 800);
    expect(p.map(([x]) => x)).toEqual([2e5, 3e5, 4e5, 4e5]);
  });
});
