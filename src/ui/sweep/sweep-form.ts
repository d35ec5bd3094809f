import type { Field } from '../../sim/scenario/field';
import { FIELDS, fieldAt, getPath, type Scenario } from '../../sim/scenario/scenario';
import type { Scalar, SweepAxis, SweepSpec } from '../../sim/sweep/spec';
import { metricOf, metricsFor, type Metric } from '../../sim/sweep/metrics';
import { activeWorkloads, WORKLOAD_KINDS, type WorkloadKind } from '../../sim/workloads/slots';

/**
 * One axis as the panel edits it: a field and either a range or a list (numbers), or some of its
 * choices. Numbers are kept as typed (text), so a bad entry stays in its box beside its error
 * rather than turning into 0 (sweep-check.ts reads and checks them).
 */
export interface AxisForm {
  path: string;
  from: string;
  to: string;
  steps: string;
  /** A geometric range (the spec's `"scale": "log"`), for a field that spans decades. */
  log: boolean;
  /** A number field's values as a typed list ("50, 100, 400") in place of the range; null: the range. */
  list: string | null;
  /** A choice field's values to sweep, in the field's order; null: every choice. */
  choices: readonly Scalar[] | null;
}

/** What the sweep panel edits; turned into the public spec (docs/sweep.md) by `checkForm`. */
export interface SweepForm {
  axis1: AxisForm;
  /** Empty path: one axis only. */
  axis2: AxisForm;
  seeds: string;
  metric: string;
  /**
   * Fixed `path: value` changes applied to the base before each point (a spec's `set`). Only a
   * link brings them: they are shown in the form so that its Run runs the sweep the chart shows.
   */
  set: Readonly<Record<string, Scalar>>;
  /** The base scenario (a spec's `scenario`) when a link's is not the one on screen; '' for the one on screen. */
  base: string;
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
  const none = { path, from: '', to: '', steps: '', log: false, list: null, choices: null };
  if (!f || f.kind === 'enum' || f.kind === 'bool') return none;
  return { ...none, from: String(f.min), to: String(f.max), steps: '8' };
}

/** A choice field's values in its own order (a switch: off, on); none for a number field. */
export function choicesOf(path: string): Scalar[] {
  const f = fieldAt(path);
  if (f?.kind === 'enum') return f.options.map((o) => o.value);
  return f?.kind === 'bool' ? [false, true] : [];
}

export const DEFAULT_FORM: SweepForm = {
  axis1: { ...axisFor('replication.intervalMs'), from: '50', to: '800', steps: '16' },
  axis2: axisFor(''),
  seeds: '1',
  metric: 'jitterMs',
  set: {},
  base: '',
};

/** The form for one axis of a spec: a range (linear or log), a list of numbers, or some choices. */
function axisFormOf(a: SweepAxis): AxisForm {
  const form = axisFor(a.path);
  const all = choicesOf(a.path);
  if (all.length > 0) {
    const same = a.values?.length === all.length && all.every((v, i) => a.values?.[i] === v);
    return { ...form, choices: same || !a.values ? null : a.values };
  }
  if (a.values) return { ...form, list: a.values.join(', ') };
  return {
    ...form,
    from: String(a.from ?? ''),
    to: String(a.to ?? ''),
    steps: String(a.steps ?? ''),
    log: a.scale === 'log',
  };
}

/**
 * The form that gives `spec` back (a sweep from a link), so that the form says what the chart
 * shows and Run sweep runs it again with the reader's changes: its axes, seeds, first metric
 * (`metric` when it names none: then it measures them all), fixed settings, and its base unless
 * that is the scenario on screen (`onScreen`).
 */
export function formOf(
  spec: SweepSpec,
  { metric, onScreen }: { metric: string; onScreen: boolean },
): SweepForm {
  const [a1, a2] = spec.vary;
  return {
    axis1: a1 ? axisFormOf(a1) : DEFAULT_FORM.axis1,
    axis2: a2 ? axisFormOf(a2) : DEFAULT_FORM.axis2,
    seeds: String(spec.seeds),
    metric: spec.metrics?.[0] ?? metric,
    set: spec.set ?? {},
    base: onScreen ? '' : spec.scenario,
  };
}
