import { useMemo } from 'react';
import { fieldAt, type Scenario } from '../../sim/scenario/scenario';
import { axisValues, MAX_VALUES } from '../../sim/sweep/spec';
import { useSweep } from './sweep-store';
import { axisFor, choicesOf, sweepableIn, type AxisForm } from './sweep-form';
import type { FormCheck, FormField } from './sweep-check';

/**
 * The message beside a box that is wrong, and the attributes that tie the box to it: a screen
 * reader hears "invalid" and what the box takes when it reaches the box.
 */
export function problemOf(errors: FormCheck['errors'], key: FormField) {
  const id = `sweep-${key.replace('.', '-')}-problem`;
  const message = errors[key];
  return {
    attrs: {
      'aria-invalid': message !== undefined,
      'aria-describedby': message !== undefined ? id : undefined,
    },
    note: message !== undefined && (
      <span id={id} className="field-problem" data-testid={`sweep-problem-${key}`}>
        {message}
      </span>
    ),
  };
}

interface AxisProps {
  n: 1 | 2;
  axis: AxisForm;
  /** The other axis's field: a slot it switches on offers that slot's fields here. */
  other: string;
  optional: boolean;
  /** The scenario swept over: the fields of the slots it uses are offered. */
  scenario: Scenario;
  errors: FormCheck['errors'];
}

/** A choice's name in the form: a switch's values are off and on. */
const choiceName = (v: string | number | boolean): string =>
  v === false ? 'off' : v === true ? 'on' : String(v);

/** One parameter of the sweep: its field, then its range or list of numbers, or its choices. */
export function AxisEditor({ n, axis, other, optional, scenario, errors }: AxisProps) {
  const setForm = useSweep((s) => s.setForm);
  const fields = useMemo(
    () => sweepableIn(scenario, [axis.path], other),
    [scenario, axis.path, other],
  );
  const key = n === 1 ? 'axis1' : 'axis2';
  const f = fieldAt(axis.path);
  const numeric = f && (f.kind === 'number' || f.kind === 'int');
  const patch = (p: Partial<AxisForm>) => setForm({ [key]: { ...axis, ...p } });
  const id = `sweep-axis${n}`;
  const path = problemOf(errors, `${key}.path`);
  const from = problemOf(errors, `${key}.from`);
  const to = problemOf(errors, `${key}.to`);
  const steps = problemOf(errors, `${key}.steps`);
  const list = problemOf(errors, `${key}.list`);
  const choices = problemOf(errors, `${key}.choices`);
  // Switching between a range and a list keeps the values the other one had, when it had any.
  const toList = () => {
    const r = axisValues({
      path: axis.path,
      from: Number(axis.from),
      to: Number(axis.to),
      steps: Math.min(MAX_VALUES, Math.max(2, Math.round(Number(axis.steps)))),
      ...(axis.log ? { scale: 'log' as const } : {}),
    }).filter((v) => Number.isFinite(v));
    patch({ list: r.join(', ') });
  };
  const toRange = () => {
    // A trailing comma or a leading space is no value (Number('') would be a 0).
    const vs = (axis.list ?? '')
      .split(/[\s,;]+/)
      .filter((w) => w !== '')
      .map(Number);
    const ok = vs.length > 1 && vs.every((v) => Number.isFinite(v));
    patch(
      ok
        ? {
            list: null,
            from: String(Math.min(...vs)),
            to: String(Math.max(...vs)),
            steps: String(vs.length),
          }
        : { list: null },
    );
  };
  return (
    <fieldset className="sweep-axis">
      <legend>Parameter {n}</legend>
      <label htmlFor={`${id}-path`}>Field</label>
      <select
        id={`${id}-path`}
        value={axis.path}
        onChange={(e) => setForm({ [key]: axisFor(e.target.value) })}
        {...path.attrs}
      >
        {optional && <option value="">— none (one parameter) —</option>}
        {fields.map((fl) => (
          <option key={fl.path} value={fl.path}>
            {fl.label} ({fl.path})
          </option>
        ))}
      </select>
      {numeric && (
        <label>
          values as{' '}
          <select
            value={axis.list === null ? 'range' : 'list'}
            onChange={(e) => (e.target.value === 'list' ? toList() : toRange())}
            data-testid={`${id}-mode`}
            // Two short words: not the width the fieldset gives its field list (styles.css).
            style={{ width: 'auto' }}
          >
            <option value="range">a range</option>
            <option value="list">a list</option>
          </select>
        </label>
      )}
      {numeric && axis.list === null && (
        <>
          <span className="sweep-range">
            <label>
              from{' '}
              <input
                type="number"
                value={axis.from}
                step={f.step}
                min={f.min}
                max={f.max}
                onChange={(e) => patch({ from: e.target.value })}
                {...from.attrs}
              />
            </label>
            <label>
              to{' '}
              <input
                type="number"
                value={axis.to}
                step={f.step}
                min={f.min}
                max={f.max}
                onChange={(e) => patch({ to: e.target.value })}
                {...to.attrs}
              />
            </label>
            <label>
              steps{' '}
              <input
                type="number"
                value={axis.steps}
                min={2}
                max={MAX_VALUES}
                step={1}
                onChange={(e) => patch({ steps: e.target.value })}
                {...steps.attrs}
              />
            </label>
          </span>
          <label>
            <input
              type="checkbox"
              checked={axis.log}
              onChange={(e) => patch({ log: e.target.checked })}
            />{' '}
            log scale
          </label>
        </>
      )}
      {numeric && axis.list !== null && (
        <label>
          values{' '}
          <input
            type="text"
            inputMode="decimal"
            size={32}
            value={axis.list}
            placeholder={`e.g. ${f.min}, ${f.max}`}
            onChange={(e) => patch({ list: e.target.value })}
            {...list.attrs}
          />
        </label>
      )}
      {f && !numeric && (
        <span
          role="group"
          aria-label={`Values of parameter ${n}`}
          aria-describedby={choices.attrs['aria-describedby']}
        >
          values:{' '}
          {choicesOf(axis.path).map((v) => {
            const on = axis.choices === null || axis.choices.includes(v);
            return (
              <label key={String(v)} className="sweep-choice">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => {
                    const all = choicesOf(axis.path);
                    const was = axis.choices ?? all;
                    const now = all.filter((c) => (c === v ? !on : was.includes(c)));
                    patch({ choices: now.length === all.length ? null : now });
                  }}
                />{' '}
                {choiceName(v)}{' '}
              </label>
            );
          })}
        </span>
      )}
      {path.note}
      {from.note}
      {to.note}
      {steps.note}
      {list.note}
      {choices.note}
    </fieldset>
  );
}
