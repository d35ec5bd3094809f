import { describe, expect, it } from 'vitest';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { defaultScenario } from '../src/sim/scenario/scenario';
import { SWEEPABLE, sweepableIn } from '../src/ui/sweep/sweep-form';

/** The sweep panel offers the fields of the slots a scenario uses, not every empty slot's. */
describe('sweep panel fields', () => {
  it('lists a slot’s fields only when the scenario uses it, but always its switch', () => {
    const paths = sweepableIn(defaultScenario(), []).map((f) => f.path);
    expect(paths.length).toBeLessThan(SWEEPABLE.length / 2);
    expect(paths).toContain('replication.intervalMs');
    expect(paths).toContain('vms.vm1.weight');
    expect(paths).not.toContain('vms.vm2.weight');
    expect(paths).toContain('vms.vm2.enabled');
    expect(paths).not.toContain('failures.f2.atS');
    expect(paths).toContain('failures.f2.kind');
    expect(paths).not.toContain('workloads.w1.rate');
  });

  it('lists the fields of the VMs, hosts and failures a preset uses, and keeps an axis’s own field', () => {
    const s = presetScenario(findPreset('pacemaker-partition') ?? (undefined as never));
    const paths = sweepableIn(s, ['vms.vm5.weight']).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['failures.f1.atS', 'hosts.h3.cores']));
    expect(paths).toContain('vms.vm5.weight');
    expect(paths).not.toContain('vms.vm6.weight');
  });
});
