import { describe, expect, it } from 'vitest';
import {
  boxSummary,
  empiricalCdf,
  histogram,
  mean,
  quantileSorted,
} from '../src/sim/metrics/stats';

describe('metrics', () => {
  it('box summary: min, quartiles (type 7), median, max, mean', () => {
    const b = boxSummary([5, 1, 4, 2, 3]);
    expect(b).toEqual({ count: 5, min: 1, q1: 2, median: 3, q3: 4, max: 5, mean: 3 });
    expect(boxSummary([]).count).toBe(0);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
  it('empirical CDF has one step per distinct value ending at 1', () => {
    expect(empiricalCdf([3, 1, 3, 2])).toEqual([
      { x: 1, p: 0.25 },
      { x: 2, p: 0.5 },
      { x: 3, p: 1 },
    ]);
  });
  it('histogram counts per bin and ignores values outside', () => {
    expect(histogram([0, 0.5, 1, 2.5, 9, -1], 0, 1, 3)).toEqual([2, 1, 1]);
    expect(mean([])).toBe(0);
  });
});
