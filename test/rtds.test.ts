import { describe, expect, it } from 'vitest';
import { sec } from '../src/sim/engine/units';
import { runToEnd } from '../src/sim/run';
import { setPath } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import { burnerHost } from './support/burner-host';
import { preset, valid } from './support/presets';
import { slicesOn } from './support/slices';

describe('RTDS (Xen rt.c: global EDF, deferrable servers)', () => {
  it('four busy VMs with 2.5 ms of every 10 ms each: a quarter each, and none waits more than period − budget', () => {
    const rtds = { periodMs: 10, budgetMs: 2.5, extratime: true };
    const { vs, trace } = burnerHost([{}, {}, {}, {}], 5, { policy: 'rtds', rtds });
    for (const v of vs) expect(Math.abs(v.runTime / sec(5) - 0.25)).toBeLessThan(0.005);
    for (let vm = 1; vm <= 4; vm++) {
      const s = slicesOn(trace).filter((x) => x.vm === vm);
      const gaps = s.slice(1).map((x, i) => x.t - (s[i]?.end ?? 0));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(7_500);
    }
  });

  it('without extra time a spent budget waits for the next period (non-work-conserving)', () => {
    const rtds = { periodMs: 10, budgetMs: 1, extratime: false };
    const { vs } = burnerHost([{}, {}, {}, {}], 5, { policy: 'rtds', rtds });
    for (const v of vs) expect(v.runTime / sec(5)).toBeCloseTo(0.1, 3);
  });

  it('with extra time the idle part of the core goes to whoever wants it, at a lower priority', () => {
    const rtds = { periodMs: 10, budgetMs: 1, extratime: true };
    const { vs } = burnerHost([{}, {}], 5, { policy: 'rtds', rtds });
    expect(vs.reduce((a, v) => a + v.runTime, 0) / sec(5)).toBeCloseTo(1, 3);
    for (const v of vs) expect(v.runTime / sec(5)).toBeGreaterThanOrEqual(0.1);
  });

  it('R1’s ping under RTDS 2.5/10: a waking VM preempts at once, so no ping waits more than period − budget', () => {
    const s = setPath(
      setPath(preset('r1-credit'), 'host.scheduler', 'rtds'),
      'host.rtdsBudgetMs',
      2.5,
    );
    const ping = runToEnd(valid(s)).summary.ping;
    expect(ping?.received).toBe(1000);
    expect(ping?.rttMaxMs ?? Infinity).toBeLessThan(7.5 + 1);
    expect(ping?.rttMeanMs ?? Infinity).toBeLessThan(5);
  });

  it('a VM’s own period: vm1 with 0.5 ms of every 2 ms answers pings within 3.5 ms; the others keep 2.5/10', () => {
    const s = setPath(
      setPath(preset('r1-rtds'), 'vms.vm1.rtdsPeriodMs', 2),
      'vms.vm1.rtdsBudgetMs',
      0.5,
    );
    const sum = runToEnd(valid(s)).summary;
    expect(sum.ping?.rttMaxMs ?? Infinity).toBeLessThan(3.5);
    const guests = sum.cpu.filter((c) => c.host === 'primary' && c.vm !== 'dom0');
    for (const c of guests) expect(Math.abs(c.sharePct - 25)).toBeLessThan(1);
    // vm1 is switched in about every 2 ms, the others about every 10 ms.
    expect(guests[0]?.switches ?? 0).toBeGreaterThan(1.8 * (guests[1]?.switches ?? Infinity));
  });

  it('a VM budget longer than its period is refused, naming the field', () => {
    const r = validateScenario(setPath(preset('r1-rtds'), 'vms.vm2.rtdsBudgetMs', 12));
    expect(r.issues.map((i) => i.path)).toEqual(['vms.vm2.rtdsBudgetMs']);
    expect(r.scenario.vms['vm2']?.rtdsBudgetMs).toBe(10);
  });

  it('a budget longer than its period is refused, naming the field', () => {
    const r = validateScenario(
      setPath(setPath(preset('r1-credit'), 'host.scheduler', 'rtds'), 'host.rtdsBudgetMs', 12),
    );
    expect(r.issues.map((i) => i.path)).toEqual(['host.rtdsBudgetMs']);
    expect(r.issues[0]?.message).toContain('does not fit');
    expect(r.scenario.host.rtdsBudgetMs).toBe(10);
  });
});
