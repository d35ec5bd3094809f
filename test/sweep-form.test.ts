import { describe, expect, it } from 'vitest';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { defaultScenario } from '../src/sim/scenario/scenario';
import { checkSweepSpec } from '../src/sim/sweep/spec';
import {
  axisFor,
  DEFAULT_FORM,
  formOf,
  SWEEPABLE,
  sweepableIn,
  type SweepForm,
} from '../src/ui/sweep/sweep-form';
import { specOf } from '../src/ui/sweep/sweep-check';

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
  const screen = { metric: 'jitterMs', onScreen: true };

  it('gives back the form that made the spec', () => {
    const form: SweepForm = {
      ...DEFAULT_FORM,
      axis1: { ...axisFor('replication.intervalMs'), from: '25', to: '400', steps: '6' },
      axis2: axisFor('replication.policy'),
      seeds: '3',
      metric: 'mos',
    };
    expect(formOf(spec(specOf(form, '#x')), screen)).toEqual(form);
    expect(formOf(spec(specOf(DEFAULT_FORM, '#x')), screen)).toEqual(DEFAULT_FORM);
  });

  // Defect: a link with `set` (or a list, a log range, some choices) left the form at its
  // defaults while the chart showed the link's sweep; Run then ran something else.
  it('shows everything a link can say: fixed settings, lists, log ranges, some choices, its base', () => {
    const linked = spec({
      sweepVersion: 1,
      scenario: 'remus-bursts',
      set: { durationS: 5 },
      vary: [
        { path: 'telephony.calls', from: 20, to: 400, steps: 2 },
        { path: 'replication.policy', values: ['net', 'tcp-only'] },
      ],
      seeds: 2,
      metrics: ['latePct'],
    });
    const form = formOf(linked, { metric: 'jitterMs', onScreen: false });
    expect(form).toEqual({
      axis1: { ...axisFor('telephony.calls'), from: '20', to: '400', steps: '2' },
      axis2: { ...axisFor('replication.policy'), choices: ['net', 'tcp-only'] },
      seeds: '2',
      metric: 'latePct',
      set: { durationS: 5 },
      base: 'remus-bursts',
    });
    // Run sweep runs the link's sweep again: the same spec, on the same base.
    expect(specOf(form, form.base)).toEqual(linked);
    const base = { sweepVersion: 1, scenario: '#x' };
    const list = spec({ ...base, vary: [{ path: 'replication.intervalMs', values: [50, 100] }] });
    expect(formOf(list, screen).axis1.list).toBe('50, 100');
    expect(specOf(formOf(list, screen), '#x')).toEqual({ ...list, metrics: ['jitterMs'] });
    const log = { path: 'replication.intervalMs', from: 10, to: 1000, steps: 5, scale: 'log' };
    const logForm = formOf(spec({ ...base, vary: [log] }), screen);
    expect(logForm.axis1).toMatchObject({ from: '10', to: '1000', steps: '5', log: true });
    expect(specOf(logForm, '#x').vary).toEqual([log]);
    // A spec that names no metric measures them all: the form keeps the metric it had.
    expect(formOf(list, { metric: 'mos', onScreen: true }).metric).toBe('mos');
  });
});
