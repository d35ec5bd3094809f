import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sec } from '../src/sim/engine/units';
import { vslicerProblem } from '../src/sim/host/vslicer-math';
import { burnerHost, type VmSpec } from './support/burner-host';

/** Random mixes of always-busy VMs on one core, 20 simulated seconds each. */
const PARAMS = { numRuns: 200, seed: 424242 } as const;
const SECONDS = 20;

/** Each VM's share of the core over SECONDS. */
const shares = (specs: VmSpec[], opts?: Parameters<typeof burnerHost>[2]): number[] =>
  burnerHost(specs, SECONDS, opts).vs.map((v) => v.runTime / sec(SECONDS));
/** Shares of always-busy VMs with these weights. */
const weighted = (w: readonly number[]): number[] => shares(w.map((weight) => ({ weight })));

// Decided (issue 10): with skewed weights, fidelity to Xen 4.17's credit1 wins over exact
// proportionality. The properties below are the restated ones: within 1.5× weights, each VM's
// weight share within 2 points; for any mix, work-conserving and order-preserving (docs/adr/0005).
describe('CPU fairness over random VM mixes (fast-check)', () => {
  it('credit: equal-weight VMs (2–7 per core) each get 1/N within 2 points', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 1, max: 65535 }),
        (n, weight) => {
          const share = weighted(Array.from({ length: n }, () => weight));
          expect(Math.max(...share.map((x) => Math.abs(x - 1 / n)))).toBeLessThanOrEqual(0.02);
        },
      ),
      PARAMS,
    );
  });

  it('credit: unpinned equal-weight VMs on 2–4 cores share them evenly (an OVER pCPU steals UNDER work)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 9 }), (cores, n) => {
        const specs = Array.from({ length: n }, (_, i) => ({ core: i % cores, pinned: false }));
        const share = shares(specs, { cores });
        const fair = Math.min(1, cores / n);
        expect(Math.max(...share.map((x) => Math.abs(x - fair)))).toBeLessThanOrEqual(0.02);
      }),
      PARAMS,
    );
  });

  it('credit: a capped VM gets min(cap, fair share) within 1 point; the others share the rest equally', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 100 }),
        fc.integer({ min: 0, max: 4 }),
        (cap, others) => {
          const share = shares([{ capPct: cap }, ...Array.from({ length: others }, () => ({}))]);
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

  it('credit: two VMs get their weights’ shares within 2 points, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65535 }),
        fc.integer({ min: 1, max: 65535 }),
        (a, b) => {
          const share = weighted([a, b]);
          expect(Math.abs((share[0] as number) - a / (a + b))).toBeLessThanOrEqual(0.02);
        },
      ),
      PARAMS,
    );
  });

  it('credit: in random mixes of 2–7 VMs with any weights, the core is fully used and a heavier VM never gets less than a lighter one', () => {
    // Credit1 is not exactly proportional once weights are skewed (the pinned mix below); what it
    // does guarantee for any mix is work conservation and order.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 7 }),
        (w) => {
          const share = weighted(w);
          expect(share.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
          for (let i = 0; i < w.length; i++)
            for (let j = 0; j < w.length; j++)
              if ((w[i] as number) > (w[j] as number))
                expect(share[i] as number).toBeGreaterThanOrEqual((share[j] as number) - 0.005);
        },
      ),
      PARAMS,
    );
  });

  it('credit: random mixes of 2–7 VMs with weights within 1.5× of each other (128–192) get their weights’ shares within 2 points', () => {
    // Wider skews miss (docs/adr/0008): 128–256 by up to 2.3 points, 128–384 by up to 6.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 128, max: 192 }), { minLength: 2, maxLength: 7 }),
        (w) => {
          const total = w.reduce((a, b) => a + b, 0);
          const off = weighted(w).map((x, i) => Math.abs(x - (w[i] as number) / total));
          expect(Math.max(...off)).toBeLessThanOrEqual(0.02);
        },
      ),
      PARAMS,
    );
  });

  it('credit: a known mix where shares miss the weights (pinned; docs/adr/0008)', () => {
    // 3:13:1:1 on one pCPU. The heavy VM's 30 ms slice costs more than it earns per period, so it
    // turns OVER and waits its turn; waiting, it passes +300 and loses half its credit (csched_acct's
    // upper bound). The light VMs' debt is forgiven at −300, and while the pool's balance is
    // negative every active VM is paid extra by weight (credit_balance) — so the light VMs stay
    // UNDER more often than their weight allows. xen/common/sched/credit.c (4.17), csched_acct.
    const { vs } = burnerHost([{ weight: 3 }, { weight: 13 }, { weight: 1 }, { weight: 1 }], 120);
    expect(vs.map((v) => Math.round((1000 * v.runTime) / sec(120)) / 10)).toEqual([
      26.6, 55.6, 9, 9,
    ]);
  });

  it('credit: guests pinned to one core while the pool’s other core idles share it nearly equally, whatever their weights', () => {
    // prv->credit is 300 per pCPU of the pool: two pCPUs pay 600 a period, more than one core can
    // burn, so the guests mostly stay UNDER and take turns in FIFO order (credit1 with pinning).
    // A VM with a tiny weight still dips OVER now and then: within 3 points of 1/N, not 2.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 5 }),
        (w) => {
          const { vs } = burnerHost(
            w.map((weight) => ({ weight, core: 1, pinned: true })),
            SECONDS,
            { cores: 2 },
          );
          for (const v of vs)
            expect(Math.abs(v.runTime / sec(SECONDS) - 1 / w.length)).toBeLessThanOrEqual(0.03);
        },
      ),
      { ...PARAMS, numRuns: 50 },
    );
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
        const share = shares(specs, { policy: 'vslicer', tmMs: tmHalfMs / 2 });
        const off = share.map((x) => Math.abs(x - 1 / (m + n)));
        expect(Math.max(...off)).toBeLessThanOrEqual(0.02);
      }),
      PARAMS,
    );
  });
});
