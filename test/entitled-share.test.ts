import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { entitledPct } from '../src/ui/charts/entitled-share';
import { preset, setEachVm } from './support/presets';

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
});
