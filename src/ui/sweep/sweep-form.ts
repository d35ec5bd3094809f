import type { Field } from '../../sim/scenario/field';
import { FIELDS, fieldAt, getPath, type Scenario } from '../../sim/scenario/scenario';
import { SWEEP_VERSION, type SweepAxis, type SweepSpec } from '../../sim/sweep/spec';
import { metricOf, metricsFor, type Metric } from '../../sim/sweep/metrics';
import { activeWorkloads, WORKLOAD_KINDS, type WorkloadKind } from '../../sim/workloads/slots';

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
function inUse(s: Scenario, path: string, switched: readonly string[]): boolean {
  const m = SLOT_FIELD.exec(path);
  if (!m) return true;
  const [, slot, n, name] = m;
  // The switch that adds the slot stays: sweeping whether a VM, a host, a failure or a workload is there.
  if (name === 'enabled' || name === 'kind') return true;
  // The other axis switches this slot on for some of its points: its fields can vary with it.
  if (switched.includes(`${slot}${n}`)) return true;
  if (slot === 'vms.vm') return n === '1' || getPath(s, `vms.vm${n}.enabled`) === true;
  if (slot === 'hosts.h') return n === '1' || getPath(s, `hosts.h${n}.enabled`) === true;
  return getPath(s, `${slot}${n}.kind`) !== 'none';
}

/**
 * The fields the panel offers for scenario `s`: those of the VMs, hosts, failures and workloads it
 * has (not the seven empty slots of each kind), plus `keep` (the fields an axis already varies), plus
 * those of a slot that `other` (the other axis's field) switches on or off.
 */
export function sweepableIn(s: Scenario, keep: readonly string[], other = ''): Field[] {
  const m = SLOT_FIELD.exec(other);
  const switched = m && (m[3] === 'enabled' || m[3] === 'kind') ? [`${m[1]}${m[2]}`] : [];
  return SWEEPABLE.filter((f) => keep.includes(f.path) || inUse(s, f.path, switched));
}

/**
 * The metrics the panel offers for scenario `s`: the run's, and those of each workload slot that
 * measure its kind — every kind's when an axis (`paths`) varies the slot's kind — and `current`
 * whatever it is.
 */
export function metricsIn(s: Scenario, paths: readonly string[], current: string): Metric[] {
  const inUse = new Map<number, ReadonlySet<WorkloadKind>>();
  for (const { slot, w } of activeWorkloads(s.workloads)) inUse.set(slot, new Set([w.kind]));
  for (const p of paths) {
    const m = /^workloads\.w(\d+)\.kind$/.exec(p);
    if (m) inUse.set(Number(m[1]), new Set(WORKLOAD_KINDS.map((k) => k.value)));
  }
  // A probe's metrics where the probe runs, or an axis switches it on (any other axis of a probe
  // that is off measures nothing at every point).
  const offered = metricsFor(inUse).filter(
    (m) =>
      m.probe === undefined || s[m.probe].enabled || paths.includes(`${m.probe as string}.enabled`),
  );
  const cur = metricOf(current);
  return cur && !offered.includes(cur) ? [...offered, cur] : offered;
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

/** The form for one axis of a spec, or null when the form cannot show it (a list of numbers, a log range). */
function axisFormOf(a: SweepAxis): AxisForm | null {
  const f = fieldAt(a.path);
  if (!f) return null;
  if (f.kind === 'enum' || f.kind === 'bool') {
    // The form sweeps every choice of a choice field.
    const all = f.kind === 'bool' ? [false, true] : f.options.map((o) => o.value);
    const same = a.values?.length === all.length && all.every((v, i) => a.values?.[i] === v);
    return same ? axisFor(a.path) : null;
  }
  if (a.values || a.scale === 'log' || a.from === undefined || a.to === undefined) return null;
  if (a.steps === undefined) return null;
  return { path: a.path, from: a.from, to: a.to, steps: a.steps };
}

/**
 * The form that gives `spec` back (a sweep from a link, so Run sweep runs it again with the
 * reader's changes), or null when the spec says more than the form can (then the form stays).
 */
export function formOf(spec: SweepSpec): SweepForm | null {
  const [a1, a2] = spec.vary;
  const axis1 = a1 ? axisFormOf(a1) : null;
  const axis2 = a2 ? axisFormOf(a2) : DEFAULT_FORM.axis2;
  const metric = spec.metrics?.[0] ?? DEFAULT_FORM.metric;
  // Fields the spec sets on its base are not in the form: the form's Run would sweep another base.
  if (Object.keys(spec.set ?? {}).length > 0) return null;
  if (!axis1 || !axis2 || spec.vary.length > 2) return null;
  return { axis1, axis2, seeds: spec.seeds, metric };
}
