import { fieldAt, type Scenario } from '../../sim/scenario/scenario';
import { sweepBase } from '../../sim/sweep/plan';
import {
  axisValues,
  checkSweepSpec,
  MAX_SEEDS,
  MAX_SWEEP_RUNS,
  MAX_VALUES,
  SWEEP_VERSION,
  type SweepAxis,
  type SweepSpec,
} from '../../sim/sweep/spec';
import { choicesOf, type AxisForm, type SweepForm } from './sweep-form';

/** A box of the form that can be wrong; its message is shown beside it. */
export type FormField =
  `axis${1 | 2}.${'path' | 'from' | 'to' | 'steps' | 'list' | 'choices'}` | 'seeds';

/** The form read and checked: the spec to run, or what is wrong, in words, box by box. */
export interface FormCheck {
  readonly spec: SweepSpec | null;
  /** A message for each box that is wrong, saying what it takes. */
  readonly errors: Partial<Record<FormField, string>>;
  /** What is wrong with the sweep as a whole (too many runs, a base that does not load). */
  readonly problems: readonly string[];
}

/** A plain decimal number as typed: not "0x10" or "1,5", which Number() would read or refuse oddly. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The number `text` says, or null when it says none. */
function numberOf(text: string): number | null {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : null;
}

/** "10 to 1000 ms": a range in words, with the field's unit. */
const span = (lo: number, hi: number, unit = ''): string =>
  `${lo} to ${hi}${unit ? ` ${unit}` : ''}`;

/**
 * Reads one axis. The field's own limits bound a range's ends and a list's values, so a value the
 * scenario would refuse is refused here, beside its box, not after Run as a planner's message.
 */
function readAxis(a: AxisForm, n: 1 | 2, errors: FormCheck['errors']): SweepAxis | null {
  const f = fieldAt(a.path);
  const key = `axis${n}` as const;
  if (!f) {
    errors[`${key}.path`] = 'Field: choose a field to vary.';
    return null;
  }
  if (f.kind === 'enum' || f.kind === 'bool') {
    const all = choicesOf(a.path);
    const values = a.choices ? all.filter((v) => a.choices?.includes(v)) : all;
    if (values.length === 0) {
      errors[`${key}.choices`] = 'Values: tick at least one choice.';
      return null;
    }
    return { path: a.path, values };
  }
  const whole = f.kind === 'int';
  const allowed = `${whole ? 'a whole number' : 'a number'} from ${span(f.min, f.max, f.unit)}`;
  const inField = (v: number | null): v is number =>
    v !== null && v >= f.min && v <= f.max && (!whole || Number.isInteger(v));
  if (a.list !== null) {
    const words = a.list.split(/[\s,;]+/).filter((w) => w !== '');
    const bad = words.find((w) => !inField(numberOf(w)));
    const what = `Values: ${whole ? 'whole numbers' : 'numbers'} from ${span(f.min, f.max, f.unit)}, separated by commas`;
    if (words.length === 0 || bad !== undefined) {
      errors[`${key}.list`] = bad === undefined ? `${what}.` : `${what} (“${bad}” is not one).`;
      return null;
    }
    if (words.length > MAX_VALUES) {
      errors[`${key}.list`] = `Values: at most ${MAX_VALUES} (${words.length} typed).`;
      return null;
    }
    return { path: a.path, values: words.map(Number) };
  }
  const from = numberOf(a.from);
  const to = numberOf(a.to);
  const steps = numberOf(a.steps);
  // A log range multiplies its way from one end to the other: from 0 it never leaves 0.
  const positive = (v: number | null) => !a.log || (v !== null && v > 0);
  if (!inField(from)) errors[`${key}.from`] = `From: ${allowed}.`;
  else if (!positive(from)) errors[`${key}.from`] = 'From: above 0 for a log scale.';
  if (!inField(to)) errors[`${key}.to`] = `To: ${allowed}.`;
  else if (!positive(to)) errors[`${key}.to`] = 'To: above 0 for a log scale.';
  if (steps === null || !Number.isInteger(steps) || steps < 2 || steps > MAX_VALUES)
    errors[`${key}.steps`] = `Steps: a whole number from ${span(2, MAX_VALUES)}.`;
  if (errors[`${key}.from`] || errors[`${key}.to`] || errors[`${key}.steps`]) return null;
  const axis: SweepAxis = { path: a.path, from: from ?? 0, to: to ?? 0, steps: steps ?? 2 };
  return a.log ? { ...axis, scale: 'log' } : axis;
}

/**
 * Reads the form into the spec of a sweep over the scenario `base` (the lab's `#…`, or the base
 * of a link's sweep: a preset id or a lab URL), or
 * says what is wrong: each bad box with what it takes (shown beside it, so Run stays off until
 * they are right), and the sweep's own limits. The spec's checks (checkSweepSpec) run last, as a
 * net: a form these checks pass should never fail them.
 */
export function checkForm(form: SweepForm, base: string): FormCheck {
  const errors: FormCheck['errors'] = {};
  const vary: SweepAxis[] = [];
  const a1 = readAxis(form.axis1, 1, errors);
  if (a1) vary.push(a1);
  if (form.axis2.path) {
    if (form.axis2.path === form.axis1.path)
      errors['axis2.path'] = 'Field: choose a field other than parameter 1’s.';
    const a2 = readAxis(form.axis2, 2, errors);
    if (a2) vary.push(a2);
  }
  const seeds = numberOf(form.seeds);
  if (seeds === null || !Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SEEDS)
    errors.seeds = `Seeds per point: a whole number from ${span(1, MAX_SEEDS)}.`;
  if (Object.keys(errors).length > 0) return { spec: null, errors, problems: [] };
  const counts = vary.map((a) => axisValues(a).length);
  const runs = counts.reduce((x, c) => x * c, 1) * (seeds ?? 1);
  if (runs > MAX_SWEEP_RUNS)
    return {
      spec: null,
      errors,
      problems: [
        `At most ${MAX_SWEEP_RUNS} runs a sweep: this one asks for ${runs} (${counts.join(' × ')} values × ${seeds ?? 1} seeds). Fewer steps or seeds.`,
      ],
    };
  const spec: SweepSpec = {
    sweepVersion: SWEEP_VERSION,
    // As given: the lab's `#…`, or a link's base, which may be a preset id or a whole URL.
    scenario: base,
    // Without fixed settings the spec has no `set`, as the panel's specs always had.
    ...(Object.keys(form.set).length > 0 ? { set: { ...form.set } } : {}),
    vary,
    seeds: seeds ?? 1,
    metrics: [form.metric],
  };
  const checked = checkSweepSpec(spec);
  return { spec: checked.spec, errors, problems: checked.problems };
}

/** The spec of a form that passes its checks (a form that does not throws, naming what is wrong). */
export function specOf(form: SweepForm, base: string): SweepSpec {
  const { spec, errors, problems } = checkForm(form, base);
  if (!spec) throw new Error([...Object.values(errors), ...problems].join(' '));
  return spec;
}

/**
 * The scenario the form sweeps over: the one on screen (`screen`, whose link is `screenHash`) or
 * the link's base, with the form's fixed settings applied. Null, with why, when a link's base
 * does not load.
 */
export function formBase(
  form: SweepForm,
  screen: Scenario,
  screenHash: string,
): { base: Scenario | null; problems: string[] } {
  if (!form.base && Object.keys(form.set).length === 0) return { base: screen, problems: [] };
  return sweepBase({
    sweepVersion: SWEEP_VERSION,
    scenario: form.base || screenHash,
    set: { ...form.set },
    vary: [],
    seeds: 1,
  });
}
