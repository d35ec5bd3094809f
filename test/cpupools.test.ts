import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import { preset, setEachVm, valid } from './support/presets';

/** R1's host (dom0 alone on core 0, four guests on core 1) with always-busy guests weighted 3:13:1:1. */
function skewed(ownPool: boolean): Scenario {
  const s = setPath(setPath(preset('r1-credit'), 'durationS', 30), 'host.dom0Cpupool', ownPool);
  return setEachVm(setEachVm(s, 'weight', [3, 13, 1, 1]), 'burnPct', [100, 100, 100, 100]);
}

const guestShares = (s: Scenario): number[] =>
  runToEnd(valid(s))
    .summary.cpu.filter((c) => c.host === 'primary' && c.vm !== 'dom0')
    .map((c) => c.sharePct);

describe('credit cpupools (each pool pays 300 credits per pCPU of its own)', () => {
  it('in one Pool-0, guests pinned away from dom0’s idle core are paid for it, stay UNDER and share equally', () => {
    for (const share of guestShares(skewed(false)))
      expect(Math.abs(share - 25)).toBeLessThanOrEqual(1);
  });

  it('with dom0’s core in a pool of its own, the weights count again: order kept, the heavy VM above half', () => {
    const [a, b, c, d] = guestShares(skewed(true)) as [number, number, number, number];
    expect(b).toBeGreaterThan(50);
    expect(b).toBeGreaterThan(a);
    expect(a).toBeGreaterThan(c);
    expect(Math.abs(c - d)).toBeLessThan(0.5);
  });

  it('a pool of its own for dom0 without dom0 on its own core is refused, naming the field', () => {
    const r = validateScenario(setPath(skewed(true), 'host.dom0OwnCore', false));
    expect(r.issues.map((i) => i.path)).toEqual(['host.dom0Cpupool']);
    expect(r.issues[0]?.message).toContain('needs dom0 on its own core');
    expect(r.scenario.host.dom0Cpupool).toBe(false);
  });
});
