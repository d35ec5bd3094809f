import { useRef } from 'react';
import { heals, type FailureSlot } from '../../sim/cluster/failure-slots';
import type { NumberField } from '../../sim/scenario/field';
import { fieldAt } from '../../sim/scenario/scenario';
import { snapToStep } from '../components/field-step';
import { moveEnd } from '../deployment/failure-edits';
import { useLab } from '../store/store';
import { keyTarget, useTimeDrag } from './fail-drag';
import type { Lane } from './layout';

const END = fieldAt('failures.f1.repairAtS') as NumberField;

interface Props {
  readonly n: number;
  readonly f: FailureSlot;
  readonly x: d3.ScaleLinear<number, number>;
  readonly hbLane: Lane;
  readonly durationS: number;
}

/**
 * The second marker of failure n: when a cut heals (`untilS`) or a crashed host or VM is
 * repaired (`repairAtS`). It cannot be placed at or before the failure; dragged to the end of the
 * run it means "never". A cut that never heals shows its marker at the run's end, to be dragged in.
 */
export function FailureEndHandle({ n, f, x, hbLane, durationS }: Props) {
  const ref = useRef<SVGGElement>(null);
  const healing = heals(f.kind);
  const end = healing ? f.untilS : f.repairAtS;
  const place = (s: number) => {
    const st = useLab.getState();
    const edit = moveEnd(st.scenario, n, snapToStep(s, END), END.step);
    if (Object.keys(edit).length > 0) st.setFields(edit);
  };
  useTimeDrag(ref, x, place);
  const markS = end > 0 ? end : durationS;
  const [t0, t1] = x.domain() as [number, number];
  if (markS * 1e6 > t1 || markS * 1e6 < t0) return null;
  const ex = x(markS * 1e6);
  const word = healing ? 'heals' : 'repaired';
  const shown = end > 0 ? `${word} ${end} s` : healing ? 'to the end' : 'never repaired';
  const onKey = (e: React.KeyboardEvent) => {
    const v = keyTarget(e, markS, END.step, f.atS + END.step, durationS);
    if (v === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    place(v);
  };
  const y = hbLane.y + hbLane.height;
  // Near the right edge the label goes left of its marker, so it is not cut off.
  const nearRight = ex > (x.range()[1] ?? ex) - 110;
  return (
    <g
      ref={ref}
      className="handle fail-end-handle"
      tabIndex={0}
      role="slider"
      aria-label={`Failure ${n}: ${healing ? 'heals at' : 'repaired at'} (drag, or use the arrow keys; at the end of the run: never)`}
      aria-valuemin={f.atS + END.step}
      aria-valuemax={durationS}
      aria-valuenow={markS}
      aria-valuetext={end > 0 ? `${end} s` : 'never'}
      data-testid={`failure-end-f${n}`}
      onKeyDown={onKey}
    >
      <line x1={ex} x2={ex} y1={hbLane.y} y2={y + 6} className="fail-end-line" />
      {/* A square bracket closing the failure's span: shape and text, not colour alone. */}
      <path d={`M${ex - 7},${y - 4} h7 v12 h-7`} className="grip fail-end-grip" />
      <rect x={ex - 10} y={y - 6} width={14} height={16} className="fail-hit" />
      <text
        x={nearRight ? ex - 9 : ex + 4}
        y={hbLane.y + 12}
        textAnchor={nearRight ? 'end' : 'start'}
        className="handle-label fail-end-label"
      >
        {shown}
      </text>
    </g>
  );
}
