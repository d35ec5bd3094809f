import { describe, expect, it } from 'vitest';
import { sharedDash, underlapWidth } from '../src/ui/charts/overlap';

describe('series that can coincide', () => {
  it('are drawn widest first, so each later line leaves the earlier colours showing', () => {
    for (const n of [2, 3, 4]) {
      const w = Array.from({ length: n }, (_, i) => underlapWidth(i, n));
      for (let i = 1; i < n; i++) expect((w[i - 1] ?? 0) - (w[i] ?? 0)).toBeGreaterThanOrEqual(2);
      expect(w[n - 1]).toBe(2);
    }
  });
  it('dashed lines own disjoint slots of one period', () => {
    const n = 3;
    const painted = (i: number, at: number) => {
      const { array, offset } = sharedDash(i, n);
      const [dash, gap] = array.split(' ').map(Number) as [number, number];
      const pos = (((at + offset) % (dash + gap)) + dash + gap) % (dash + gap);
      return pos < dash;
    };
    for (let at = 0; at < 200; at += 0.5) {
      const owners = [0, 1, 2].filter((i) => painted(i, at));
      expect(owners.length).toBeLessThanOrEqual(1);
    }
    // Every series is drawn somewhere.
    for (const i of [0, 1, 2])
      expect([...Array(80).keys()].some((at) => painted(i, at))).toBe(true);
  });
});
