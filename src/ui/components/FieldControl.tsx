import { memo, useCallback, useId, useState } from 'react';
import type { Field, NumberField } from '../../sim/scenario/field';
import { useLab } from '../store/store';

interface Props {
  readonly field: Field;
  readonly value: unknown;
  /** Sets the field at `path` (the store's `setField`: one stable function for every control). */
  readonly onEdit: (path: string, value: unknown) => void;
}

/** One parameter: slider + number box with unit for numbers, checkbox for switches, select for choices. Help shows on hover and focus. */
export const FieldControl = memo(FieldControlOf);

/**
 * Memoised (above) on the field, its value and the one `onEdit`: an edit re-renders the control
 * that changed, not every control of the panel (each with a fresh handler before).
 */
function FieldControlOf({ field, value, onEdit }: Props) {
  const onChange = useCallback((v: unknown) => onEdit(field.path, v), [onEdit, field.path]);
  const id = useId();
  const helpId = `${id}-help`;
  const common = { 'aria-describedby': helpId, 'data-path': field.path };
  let control;
  if (field.kind === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
        {...common}
      />
    );
  } else if (field.kind === 'enum') {
    control = (
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} {...common}>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <NumberControl
        id={id}
        field={field}
        value={Number(value)}
        onChange={onChange}
        describedBy={helpId}
      />
    );
  }
  return (
    <div className={`field field-${field.kind}`} title={field.help}>
      <label htmlFor={id}>
        {field.label}
        {field.kind !== 'bool' && field.kind !== 'enum' && field.unit ? (
          <span className="unit"> ({field.unit})</span>
        ) : null}
      </label>
      {control}
      <p id={helpId} className="help">
        {field.help}
      </p>
    </div>
  );
}

function NumberControl({
  id,
  field,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  field: NumberField;
  value: number;
  onChange: (v: unknown) => void;
  describedBy: string;
}) {
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  // Follow outside changes (slider, preset, link) without an effect: adjust state during render.
  // NaN forces one resync after a commit, for the value the store kept (clamped or unchanged).
  const [shown, setShown] = useState(value);
  if (!Object.is(shown, value)) {
    setShown(value);
    setText(String(value));
  }
  const commit = () => {
    const n = Number(text);
    // A number box reports "" for text it cannot parse ("abc", "1e"). Sending that on used to
    // reset the field to its default; the value the reader had is kept instead, and said so.
    const unit = field.unit ? ` ${field.unit}` : '';
    if (text.trim() === '' || !Number.isFinite(n)) {
      setProblem(`Not a number; kept ${value}${unit}.`);
      setText(String(value));
      // A notice about an earlier edit of the lab would read as if it were about this text.
      useLab.getState().dismissNotices();
      return;
    }
    // A whole-number field given a fraction takes the nearest whole number, not the default, and says so.
    const v = field.kind === 'int' ? Math.round(n) : n;
    // Out of range, the lab's notice says what was used instead.
    const inRange = v >= field.min && v <= field.max;
    setProblem(v !== n && inRange ? `Whole numbers only; used ${v}${unit}.` : null);
    if (v !== value) onChange(v);
    // Out-of-range values are clamped by validation; show what was kept, so box and slider agree.
    setShown(Number.NaN);
  };
  // A log-ish slider would help wide ranges; a linear one is honest and predictable for teaching.
  return (
    <div className="number-row">
      <input
        id={id}
        type="range"
        min={field.min}
        max={field.max}
        step={field.step}
        value={value}
        onChange={(e) => {
          setProblem(null);
          onChange(Number(e.target.value));
        }}
        aria-describedby={describedBy}
        aria-valuetext={`${value} ${field.unit}`}
        data-path={field.path}
      />
      <input
        type="number"
        className="number-box"
        aria-label={`${field.label} value`}
        min={field.min}
        max={field.max}
        step={field.step}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        data-path-box={field.path}
      />
      {problem && (
        <span className="field-problem" role="status">
          {problem}
        </span>
      )}
    </div>
  );
}
