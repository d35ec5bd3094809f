import { describe, expect, it } from 'vitest';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { defaultScenario } from '../src/sim/scenario/scenario';
import { checkSweepSpec } from '../src/sim/sweep/spec';
import { DEFAULT_FORM, formOf, specOf, SWEEPABLE, sweepableIn } from '../src/ui/sweep/sweep-form';

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

  it('offers the fields of a slot the other axis switches on', () => {
    const paths = sweepableIn(defaultScenario(), [], 'vms.vm2.enabled').map((f) => f.path);
    expect(paths).toContain('vms.vm2.weight');
    expect(paths).not.toContain('vms.vm3.weight');
    const byKind = sweepableIn(defaultScenario(), [], 'failures.f2.kind').map((f) => f.path);
    expect(byKind).toContain('failures.f2.atS');
    // A field that is not a switch opens no slot.
    const notSwitch = sweepableIn(defaultScenario(), [], 'vms.vm2.weight').map((f) => f.path);
    expect(notSwitch).not.toContain('vms.vm2.cap');
  });
});

/** A sweep from a link fills the form, so Run sweep runs it again with the reader's changes. */
describe('the form of a spec', () => {
  const spec = (input: unknown) => {
    const { spec: s, problems } = checkSweepSpec(input);
    if (!s) throw new Error(problems.join('; '));
    return s;
  };

  it('gives back the form that made the spec', () => {
    const form = {
      axis1: { path: 'replication.intervalMs', from: 25, to: 400, steps: 6 },
      axis2: { path: 'replication.policy', from: 0, to: 0, steps: 0 },
      seeds: 3,
      metric: 'mos',
    };
    expect(formOf(spec(specOf(form, '#x')))).toEqual(form);
    expect(formOf(spec(specOf(DEFAULT_FORM, '#x')))).toEqual(DEFAULT_FORM);
  });

  it('is null for what the form cannot show: a list of numbers, a log range, some choices', () => {
    const base = { sweepVersion: 1, scenario: '#x' };
    expect(
      formOf(spec({ ...base, vary: [{ path: 'replication.intervalMs', values: [50, 100] }] })),
    ).toBeNull();
    const log = { path: 'replication.intervalMs', from: 10, to: 1000, steps: 5, scale: 'log' };
    expect(formOf(spec({ ...base, vary: [log] }))).toBeNull();
    expect(
      formOf(spec({ ...base, vary: [{ path: 'replication.policy', values: ['net'] }] })),
    ).toBeNull();
  });
});
