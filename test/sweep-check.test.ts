import { describe, expect, it } from 'vitest';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { fieldAt } from '../src/sim/scenario/scenario';
import { planSweep } from '../src/sim/sweep/plan';
import { checkSweepSpec, type SweepSpec } from '../src/sim/sweep/spec';
import { checkForm } from '../src/ui/sweep/sweep-check';
import { axisFor, DEFAULT_FORM, type SweepForm } from '../src/ui/sweep/sweep-form';
import { metricsToMeasure, shownMetric, withMetricFirst } from '../src/ui/sweep/sweep-metric';

const interval = fieldAt('replication.intervalMs');
if (!interval || interval.kind === 'enum' || interval.kind === 'bool') throw new Error('no field');
const limits = `${interval.min} to ${interval.max} ${interval.unit}`;
const aNumber = interval.kind === 'int' ? 'a whole number' : 'a number';

const withAxis1 = (p: Partial<SweepForm['axis1']>, more: Partial<SweepForm> = {}): SweepForm => ({
  ...DEFAULT_FORM,
  ...more,
  axis1: { ...DEFAULT_FORM.axis1, ...p },
});

/**
 * Defect: steps 0 or 100000, an empty "from", seeds 0 or 101 made the price line vanish with Run
 * still on, or came back after Run as "seeds: Too big: expected number to be <=100". Each bad box
 * now says what it takes, in words, and the form gives no spec (the panel turns Run off).
 */
describe('the sweep form’s checks', () => {
  it('passes the default form, giving the spec the panel runs', () => {
    const { spec, errors, problems } = checkForm(DEFAULT_FORM, '#x');
    expect(errors).toEqual({});
    expect(problems).toEqual([]);
    expect(spec?.vary).toEqual([{ path: 'replication.intervalMs', from: 50, to: 800, steps: 16 }]);
  });

  it('says what steps, seeds and a range’s ends take, box by box', () => {
    for (const steps of ['0', '1', '100000', '', '2.5']) {
      const r = checkForm(withAxis1({ steps }), '#x');
      expect(r.spec).toBeNull();
      expect(r.errors).toEqual({ 'axis1.steps': 'Steps: a whole number from 2 to 200.' });
    }
    for (const seeds of ['0', '101', '', '1.5', '-3']) {
      const r = checkForm({ ...DEFAULT_FORM, seeds }, '#x');
      expect(r.spec).toBeNull();
      expect(r.errors).toEqual({ seeds: 'Seeds per point: a whole number from 1 to 100.' });
    }
    for (const from of ['', String(interval.min - 1), String(interval.max + 1), '1e']) {
      const r = checkForm(withAxis1({ from }), '#x');
      expect(r.spec).toBeNull();
      expect(r.errors).toEqual({ 'axis1.from': `From: ${aNumber} from ${limits}.` });
    }
    const to = checkForm(withAxis1({ to: '' }), '#x');
    expect(to.errors).toEqual({ 'axis1.to': `To: ${aNumber} from ${limits}.` });
    // Every bad box at once, each with its own message.
    const all = checkForm(withAxis1({ from: '', steps: '0' }, { seeds: '101' }), '#x');
    expect(Object.keys(all.errors).sort()).toEqual(['axis1.from', 'axis1.steps', 'seeds']);
  });

  it('checks a list of numbers, the choices ticked, a log range and the second field', () => {
    const list = checkForm(withAxis1({ list: '50, abc, 100' }), '#x');
    expect(list.errors['axis1.list']).toBe(
      `Values: ${interval.kind === 'int' ? 'whole numbers' : 'numbers'} from ${limits}, separated by commas (“abc” is not one).`,
    );
    expect(checkForm(withAxis1({ list: '' }), '#x').errors['axis1.list']).toMatch(/^Values:/);
    const ok = checkForm(withAxis1({ list: '50 100, 400' }), '#x');
    expect(ok.spec?.vary).toEqual([{ path: 'replication.intervalMs', values: [50, 100, 400] }]);
    const none = checkForm(
      { ...DEFAULT_FORM, axis2: { ...axisFor('replication.policy'), choices: [] } },
      '#x',
    );
    expect(none.errors).toEqual({ 'axis2.choices': 'Values: tick at least one choice.' });
    const some = checkForm(
      { ...DEFAULT_FORM, axis2: { ...axisFor('replication.policy'), choices: ['none', 'net'] } },
      '#x',
    );
    // In the field's own order, whatever the order they were ticked in.
    expect(some.spec?.vary[1]).toEqual({ path: 'replication.policy', values: ['net', 'none'] });
    // Calls may be 0, but a log range from 0 never leaves it.
    const log = checkForm(
      { ...DEFAULT_FORM, axis1: { ...axisFor('telephony.calls'), from: '0', log: true } },
      '#x',
    );
    expect(log.errors).toEqual({ 'axis1.from': 'From: above 0 for a log scale.' });
    const same = checkForm({ ...DEFAULT_FORM, axis2: DEFAULT_FORM.axis1 }, '#x');
    expect(same.errors['axis2.path']).toBe('Field: choose a field other than parameter 1’s.');
  });

  it('refuses more runs than a sweep may have, saying how many were asked for', () => {
    const r = checkForm(
      {
        ...withAxis1({ steps: '200' }, { seeds: '100' }),
        axis2: { ...axisFor('telephony.calls'), from: '1', to: '200', steps: '200' },
      },
      '#x',
    );
    expect(r.spec).toBeNull();
    expect(r.problems[0]).toMatch(/^At most 10000 runs a sweep: this one asks for \d+ \(/);
  });

  it('keeps a link’s base and fixed settings in the spec it gives', () => {
    const form = { ...DEFAULT_FORM, set: { durationS: 5 }, base: 'remus-bursts' };
    const { spec } = checkForm(form, form.base);
    expect(spec?.scenario).toBe('remus-bursts');
    expect(spec?.set).toEqual({ durationS: 5 });
    // Without fixed settings there is no `set`, as before.
    expect(checkForm(DEFAULT_FORM, '#x').spec).not.toHaveProperty('set');
  });
});

/**
 * Defect: after a sweep of RTP loss, choosing RFC 3550 jitter left the chart on RTP loss with no
 * hint: the rows held only the metric run for. The runs now measure every metric the panel offers,
 * so the chart re-draws the one chosen; one they did not measure is said to be the last run's.
 */
describe('the metric charted after a run', () => {
  const spec = (metrics: string[] | undefined): SweepSpec => {
    const { spec: s, problems } = checkSweepSpec({
      sweepVersion: 1,
      scenario: 'remus-bursts',
      vary: [{ path: 'telephony.calls', from: 20, to: 400, steps: 8 }],
      ...(metrics ? { metrics } : {}),
    });
    if (!s) throw new Error(problems.join('; '));
    return s;
  };
  const base = presetScenario(findPreset('remus-bursts') ?? (undefined as never));

  it('measures the spec’s metrics first, then every one the panel offers', () => {
    const lossOnly = spec(['lossPct']);
    const measure = metricsToMeasure(lossOnly, base) ?? [];
    expect(measure[0]).toBe('lossPct');
    expect(measure).toEqual(expect.arrayContaining(['jitterMs', 'mos', 'latePct']));
    expect(new Set(measure).size).toBe(measure.length);
    // The workers plan the same list: each row holds every one of them.
    const { plan } = planSweep({ ...lossOnly, metrics: measure });
    expect(plan?.metrics).toEqual(measure);
    // A spec that names none measures them all already.
    expect(metricsToMeasure(spec(undefined), base)).toBeUndefined();
  });

  it('charts the form’s metric when the rows hold it, else the run’s metric', () => {
    const lossOnly = spec(['lossPct']);
    expect(shownMetric(lossOnly, ['lossPct', 'jitterMs'], 'jitterMs')).toBe('jitterMs');
    expect(shownMetric(lossOnly, ['lossPct'], 'jitterMs')).toBe('lossPct');
    expect(shownMetric(null, [], 'jitterMs')).toBe('jitterMs');
  });

  it('puts the metric charted first in the link’s spec, keeping its others', () => {
    const two = spec(['lossPct', 'mos']);
    expect(withMetricFirst(two, 'jitterMs')?.metrics).toEqual(['jitterMs', 'lossPct', 'mos']);
    expect(withMetricFirst(two, 'mos')?.metrics).toEqual(['mos', 'lossPct']);
    expect(withMetricFirst(two, 'lossPct')).toBeNull();
    expect(withMetricFirst(spec(undefined), 'mos')).toBeNull();
  });
});
