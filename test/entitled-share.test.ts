import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { entitledPct } from '../src/ui/charts/entitled-share';
import { preset, setEachVm, valid } from './support/presets';

const r1 = (): Scenario => setPath(preset('r1-credit'), 'durationS', 2);

describe('the CPU-share chart’s entitled-share mark', () => {
  it('credit: weight over the weights of the guests on the same core; none for dom0', () => {
    const s = setEachVm(r1(), 'weight', [3, 13, 1, 1]);
    const rows = runToEnd(s).summary.cpu.filter((c) => c.host === 'primary');
    const marks = rows.map((r) => entitledPct(r, rows, 'credit'));
    expect(marks[0]).toBeNull();
    expect(marks.slice(1).map((m) => Number(m?.toFixed(1)))).toEqual([16.7, 72.2, 5.6, 5.6]);
  });

  it('vSlicer: an equal part of the core for every guest on it, whatever the weights', () => {
    const s = setPath(setPath(r1(), 'host.scheduler', 'vslicer'), 'vms.vm2.weight', 1024);
    const rows = runToEnd(setPath(s, 'vms.vm1.lsvm', true)).summary.cpu.filter(
      (c) => c.host === 'primary',
    );
    for (const r of rows.slice(1)) expect(entitledPct(r, rows, 'vslicer')).toBe(25);
  });

  // Four VMs burning the whole core, reservations 1, 4, 2 and 1 ms of every 10 ms.
  const rtds = (extratime: boolean): Scenario =>
    valid(
      setEachVm(
        setEachVm(
          setPath(setPath(preset('r1-rtds'), 'durationS', 5), 'host.rtdsExtratime', extratime),
          'burnPct',
          [100, 100, 100, 100],
        ),
        'rtdsBudgetMs',
        [1, 4, 2, 1],
      ),
    );

  it('RTDS: each VM’s own budget / period, met exactly without extra time, a floor with it', () => {
    for (const extratime of [false, true]) {
      const rows = runToEnd(rtds(extratime)).summary.cpu.filter((c) => c.host === 'primary');
      const guests = rows.filter((r) => r.vm !== 'dom0');
      const marks = guests.map((r) => entitledPct(r, rows, 'rtds') as number);
      expect(marks).toEqual([10, 40, 20, 10]);
      guests.forEach((r, i) => {
        const mark = marks[i] as number;
        if (extratime) expect(r.sharePct).toBeGreaterThanOrEqual(mark - 0.5);
        else expect(Math.abs(r.sharePct - mark)).toBeLessThanOrEqual(0.5);
      });
    }
  });

  it('RTDS: a VM with its own period is marked by its own ratio', () => {
    // vm1: 1 ms of every 5 ms; with the others' 40 + 20 + 10 % the reservations still fit (90 %).
    const s = setPath(setPath(rtds(false), 'vms.vm1.rtdsPeriodMs', 5), 'vms.vm1.rtdsBudgetMs', 1);
    const rows = runToEnd(valid(s)).summary.cpu.filter((c) => c.host === 'primary');
    const vm1 = rows.find((r) => r.vm === 'voip') as (typeof rows)[number];
    expect(entitledPct(vm1, rows, 'rtds')).toBe(20);
    expect(Math.abs(vm1.sharePct - 20)).toBeLessThanOrEqual(0.5);
  });
});
