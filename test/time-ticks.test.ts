import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { timeTickFormat } from '../src/ui/timeline/time-ticks';

/** The time axis's labels at every zoom: distinct, and no more decimals than the step needs. */
describe('time axis tick labels', () => {
  const labels = (start: number, end: number, count: number) => {
    const f = timeTickFormat(start, end, count);
    return d3.ticks(start, end, count).map(f);
  };

  it('the deepest zoom (a 2 ms window at 29.554 s) gives distinct labels', () => {
    const l = labels(29_554_000, 29_556_000, 10);
    expect(l.length).toBeGreaterThan(5);
    expect(new Set(l).size).toBe(l.length);
    expect(l[0]).toBe('29.5540 s');
  });

  it('a whole minute reads in whole seconds, a few seconds in tenths', () => {
    expect(labels(0, 60e6, 8)).toContain('30 s');
    expect(labels(0, 60e6, 8).every((x) => /^\d+ s$/.test(x))).toBe(true);
    expect(labels(29e6, 31e6, 10)).toContain('29.8 s');
  });

  it('every window from 2 ms to an hour: distinct labels', () => {
    for (const span of [2e3, 5e3, 2e4, 3e5, 7e6, 45e6, 3.6e9])
      for (const count of [2, 5, 12]) {
        const l = labels(1_234_567, 1_234_567 + span, count);
        expect(new Set(l).size, `${span} µs, ${count} ticks`).toBe(l.length);
      }
  });
});
