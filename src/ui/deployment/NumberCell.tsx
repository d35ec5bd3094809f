import { useState } from 'react';
import type { NumberField } from '../../sim/scenario/field';

interface Props {
  readonly field: NumberField;
  readonly value: number;
  readonly label: string;
  readonly onCommit: (v: number) => void;
  readonly testId?: string;
}

/**
 * A compact number box for a table cell. It commits on Enter or when it loses focus (not on every
 * keystroke, which would re-run the simulation for "3" on the way to "35"); text it cannot parse
 * keeps the value. Out-of-range values are clamped by validation, and the box shows what was kept.
 */
export function NumberCell({ field, value, label, onCommit, testId }: Props) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // Follow outside changes (a drag on the timeline, undo, a preset) by adjusting state in render.
  if (!Object.is(shown, value)) {
    setShown(value);
    setText(String(value));
  }
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      setText(String(value));
      return;
    }
    const v = field.kind === 'int' ? Math.round(n) : n;
    if (v !== value) onCommit(v);
    setShown(Number.NaN);
  };
  return (
    <input
      type="number"
      className="cell-number"
      min={field.min}
      max={field.max}
      step={field.step}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      aria-label={label}
      title={field.help}
      data-path={field.path}
      data-testid={testId}
    />
  );
}
