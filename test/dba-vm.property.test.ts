import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, waterFill, type SlaDemand } from '../src/sim/net/dba-vm';

const demandArb = (vm: number): fc.Arbitrary<SlaDemand> =>
  fc.record({
    vm: fc.constant(vm),
    priority: fc.integer({ min: 0, max: 3 }),
    minBps: fc.integer({ min: 0, max: 300 }).map((x) => x * 1e6),
    maxBps: fc.integer({ min: 1, max: 1000 }).map((x) => x * 1e6),
    maxPps: fc.integer({ min: 1, max: 200 }).map((x) => x * 1000),
    vifDemandBps: fc.array(
      fc.integer({ min: 0, max: 1000 }).map((x) => x * 1e6),
      { minLength: 1, maxLength: 3 },
    ),
  });

const PARAMS = { numRuns: 200, seed: 7777 } as const;

describe('DBA-VM allocator (fast-check)', () => {
  it('never allocates more than the capacity, a VM’s demand or its SLA, and serves guarantees first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 10_000 }).map((x) => x * 1e6),
        fc.array(demandArb(0), { minLength: 1, maxLength: 6 }),
        (capacity, ds) => {
          const demands = ds.map((d, i) => ({ ...d, vm: i + 1 }));
          const out = allocate(capacity, demands);
          const total = out.reduce((a, x) => a + x.bps, 0);
          expect(total).toBeLessThanOrEqual(capacity * (1 + 1e-9));
          out.forEach((a, i) => {
            const d = demands[i] as SlaDemand;
            const want = Math.min(
              d.maxBps,
              d.vifDemandBps.reduce((x, y) => x + y, 0),
            );
            expect(a.bps).toBeLessThanOrEqual(want * (1 + 1e-9) + 1e-6);
            expect(a.vifPps.reduce((x, y) => x + y, 0)).toBeCloseTo(a.pps, 6);
          });
          // With spare capacity everyone gets what it wants (work-conserving).
          const wants = demands.map((d) =>
            Math.min(
              d.maxBps,
              d.vifDemandBps.reduce((x, y) => x + y, 0),
            ),
          );
          if (wants.reduce((a, b) => a + b, 0) <= capacity)
            out.forEach((a, i) => expect(a.bps).toBeCloseTo(wants[i] as number, 3));
        },
      ),
      PARAMS,
    );
  });

  it('water-filling is max-min fair', () => {
    expect(waterFill(100, [10, 80, 80])).toEqual([10, 45, 45]);
    expect(waterFill(100, [10, 20])).toEqual([10, 20]);
  });
});
