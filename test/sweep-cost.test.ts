import { describe, expect, it } from 'vitest';
import { estimateRunCost, REFUSE_EVENTS } from '../src/sim/run-cost';
import { defaultScenario, setPath } from '../src/sim/scenario/scenario';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';
import { sweepCost } from '../src/sim/sweep/cost';
import { planSweep } from '../src/sim/sweep/plan';

/** A sweep is priced before it runs: the events of its runs, each estimated as a single run is. */
describe('sweep cost', () => {
  const base = defaultScenario();

  it('is the sum of its planned runs’ estimates, seeds included', () => {
    const vary = [{ path: 'telephony.calls', from: 10, to: 400, steps: 5 }];
    const { plan } = planSweep({
      sweepVersion: 1,
      scenario: encodeScenarioHash(base),
      vary,
      seeds: 3,
    });
    if (!plan) throw new Error('no plan');
    const exact = plan.runs.reduce((n, r) => n + estimateRunCost(r.scenario).events, 0);
    const c = sweepCost(base, vary, 3);
    expect(c.runs).toBe(15);
    expect(c.sampled).toBe(false);
    expect(c.events / exact).toBeCloseTo(1, 6);
  });

  it('prices a large sweep from an even sample, close to every point priced', () => {
    const vary = [
      { path: 'telephony.calls', from: 0, to: 2000, steps: 40 },
      { path: 'durationS', from: 10, to: 600, steps: 30 },
    ];
    let exact = 0;
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < 30; j++) {
        const s = setPath(
          setPath(base, 'telephony.calls', (2000 * i) / 39),
          'durationS',
          10 + (590 * j) / 29,
        );
        exact += estimateRunCost(s).events;
      }
    const c = sweepCost(base, vary, 1);
    expect(c.sampled).toBe(true);
    expect(c.runs).toBe(1200);
    expect(Math.abs(c.events / exact - 1)).toBeLessThan(0.05);
    // Far over the page's budget: the panel refuses it before planning.
    expect(c.events).toBeGreaterThan(REFUSE_EVENTS);
  });
});
