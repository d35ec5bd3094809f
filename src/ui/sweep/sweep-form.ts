import type { Field } from '../../sim/scenario/field';
import { FIELDS, fieldAt, getPath, type Scenario } from '../../sim/scenario/scenario';
import { SWEEP_VERSION, type SweepAxis, type SweepSpec } from '../../sim/sweep/spec';

/** One axis as the panel edits it: a field and either a range (numbers) or its choices. */
export interface AxisForm {
  path: string;
  from: number;
  to: number;
  steps: number;
}

/** What the sweep panel edits; turned into the public spec (docs/sweep.md) by `specOf`. */
export interface SweepForm {
  axis1: AxisForm;
  /** Empty path: one axis only. */
  axis2: AxisForm;
  seeds: number;
  metric: string;
}

/** Fields a sweep can vary: every number, choice and switch but the seed (seeds are their own axis). */
export const SWEEPABLE = FIELDS.filter((f) => f.path !== 'seed');

/** A slot's field: its kind of slot, its number and the field's own name. */
const SLOT_FIELD = /^(vms\.vm|hosts\.h|failures\.f|workloads\.w)(\d+)\.(\w+)$/;

/** Whether `path` belongs to a slot the scenario uses (or is not a slot's field at all). */
function inUse(s: Scenario, path: string): boolean {
  const m = SLOT_FIELD.exec(path);
  if (!m) return true;
  const [, slot, n, name] = m;
  // The switch that adds the slot stays: sweeping whether a VM, a host, a failure or a workload is there.
  if (name === 'enabled' || name === 'kind') return true;
  if (slot === 'vms.vm') return n === '1' || getPath(s, `vms.vm${n}.enabled`) === true;
  if (slot === 'hosts.h') return n === '1' || getPath(s, `hosts.h${n}.enabled`) === true;
  return getPath(s, `${slot}${n}.kind`) !== 'none';
}

/**
 * The fields the panel offers for scenario `s`: those of the VMs, hosts, failures and workloads it
 * has (not the seven empty slots of each kind), plus `keep` (the fields an axis already varies).
 */
export function sweepableIn(s: Scenario, keep: readonly string[]): Field[] {
  return SWEEPABLE.filter((f) => keep.includes(f.path) || inUse(s, f.path));
}

/** A field's natural range for a new axis: its own limits, 8 steps (choices: all options). */
export function axisFor(path: string): AxisForm {
  const f = fieldAt(path);
  if (!f || f.kind === 'enum' || f.kind === 'bool') return { path, from: 0, to: 0, steps: 0 };
  return { path, from: f.min, to: f.max, steps: 8 };
}

function axisSpec(a: AxisForm): SweepAxis {
  const f = fieldAt(a.path);
  if (f?.kind === 'enum') return { path: a.path, values: f.options.map((o) => o.value) };
  if (f?.kind === 'bool') return { path: a.path, values: [false, true] };
  return { path: a.path, from: a.from, to: a.to, steps: a.steps };
}

/** The spec for the scenario `baseHash` (a lab URL's `#…`). */
export function specOf(form: SweepForm, baseHash: string): SweepSpec {
  return {
    sweepVersion: SWEEP_VERSION,
    scenario: baseHash.startsWith('#') ? baseHash : `#${baseHash}`,
    vary: form.axis2.path ? [axisSpec(form.axis1), axisSpec(form.axis2)] : [axisSpec(form.axis1)],
    seeds: form.seeds,
    metrics: [form.metric],
  };
}

export const DEFAULT_FORM: SweepForm = {
  axis1: { path: 'replication.intervalMs', from: 50, to: 800, steps: 16 },
  axis2: { path: '', from: 0, to: 0, steps: 0 },
  seeds: 1,
  metric: 'jitterMs',
};
