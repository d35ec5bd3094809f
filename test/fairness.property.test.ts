import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sec } from '../src/sim/engine/units';
import { vslicerProblem } from '../src/sim/host/vslicer-math';
import { burnerHost } from './support/burner-host';

/** Random mixes of always-busy VMs on one core, 20 simulated seconds each. */
const PARAMS = { numRuns: 200, seed: 424242 } as const;
const SECONDS = 20;

describe('CPU fairness over random VM mixes (fast-check)', () => {
  it('credit: equal-weight VMs (2–7 per core) each get 1/N within 2 points', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 1, max: 65535 }),
        (n, weight) => {
          const { vs } = burnerHost(
            Array.from({ length: n }, () => ({ weight })),
            SECONDS,
          );
          expect(
            Math.max(...vs.map((v) => Math.abs(v.runTime / sec(SECONDS) - 1 / n))),
          ).toBeLessThanOrEqual(0.02);
        },
      ),
      PARAMS,
    );
  });

  it('credit: a capped VM gets min(cap, fair share) within 1 point; the others share the rest equally', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 100 }),
        fc.integer({ min: 0, max: 4 }),
        (cap, others) => {
          const { vs } = burnerHost(
            [{ capPct: cap }, ...Array.from({ length: others }, () => ({}))],
            SECONDS,
          );
          const share = vs.map((v) => v.runTime / sec(SECONDS));
          const fair = 1 / (others + 1);
          const capped = share[0] as number;
          expect(Math.abs(capped - Math.min(cap / 100, fair))).toBeLessThanOrEqual(0.01);
          for (const s of share.slice(1))
            expect(Math.abs(s - (1 - capped) / others)).toBeLessThanOrEqual(0.01);
        },
      ),
      PARAMS,
    );
  });

  it('credit with unequal weights: the known deviation is pinned (weights 64:512:64 → 11.1/77.7/11.2 %, ideal 10/80/10)', () => {
    // Not proportional to 2 points: a light VM repays a 300-credit slice in 9 accounting periods,
    // not 10, because it earns during its own slice and the floor is −300. Open: check against Xen.
    const { vs } = burnerHost([{ weight: 64 }, { weight: 512 }, { weight: 64 }], 60);
    expect(vs.map((v) => Math.round((1000 * v.runTime) / sec(60)) / 10)).toEqual([
      11.1, 77.7, 11.2,
    ]);
  });

  it('vSlicer: every VM, LSVM or not, gets 1/(m+n) within 2 points', () => {
    const mix = fc
      .record({
        m: fc.integer({ min: 1, max: 3 }),
        n: fc.integer({ min: 1, max: 4 }),
        tmHalfMs: fc.integer({ min: 2, max: 30 }),
      })
      .filter(({ m, n, tmHalfMs }) => vslicerProblem(m, n, 30_000, tmHalfMs * 500) === null);
    fc.assert(
      fc.property(mix, ({ m, n, tmHalfMs }) => {
        const specs = [
          ...Array.from({ length: m }, () => ({ lsvm: true })),
          ...Array.from({ length: n }, () => ({})),
        ];
        const { vs } = burnerHost(specs, SECONDS, { policy: 'vslicer', tmMs: tmHalfMs / 2 });
        const off = vs.map((v) => Math.abs(v.runTime / sec(SECONDS) - 1 / (m + n)));
        expect(Math.max(...off)).toBeLessThanOrEqual(0.02);
      }),
      PARAMS,
    );
  });
});
