import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  FAILURE_KINDS,
  FAILURE_SLOT_COUNT,
  heals,
  targetsHost,
  type FailureSlot,
} from '../../sim/cluster/failure-slots';
import type { NumberField } from '../../sim/scenario/field';
import { fieldAt } from '../../sim/scenario/scenario';
import { snapToStep } from '../components/field-step';
import { moveFailure } from '../deployment/failure-edits';
import { KIND_BADGE, KIND_SHAPE, KIND_SHORT } from '../deployment/failure-kinds';
import { useLab } from '../store/store';
import { keyTarget, useTimeDrag } from './fail-drag';
import { FailureEndHandle } from './FailureEndHandle';
import { TimelineClip } from './TimelineClip';
import type { Lane } from './layout';

const FAIL_AT = fieldAt('failures.f1.atS') as NumberField;

interface Props {
  readonly x: d3.ScaleLinear<number, number>;
  readonly hbLane: Lane;
  readonly height: number;
}

/** "crash h1", "link cut vm2": what a failure does to what. */
export function failureText(f: FailureSlot): string {
  return `${KIND_SHORT[f.kind] || f.kind} ${targetsHost(f.kind) ? 'h' : 'vm'}${f.target}`;
}

/**
 * One drag handle per failure slot in use (ADR 16), and a ghost handle that places a new host
 * crash of h1 in the first free slot. Each is a keyboard slider too (arrows, Shift for ×10).
 * Each kind has its own marker shape and words (not colour alone); a partition or a link cut
 * shows its span up to when it heals, and a heal or repair time has its own marker.
 */
export function FailureHandles({ x, hbLane, height }: Props) {
  const { failures, durationS } = useLab(
    useShallow((s) => ({ failures: s.scenario.failures, durationS: s.scenario.durationS })),
  );
  const slots = Array.from({ length: FAILURE_SLOT_COUNT }, (_, i) => i + 1);
  const used = slots.filter((n) => failures[`f${n}`]?.kind !== 'none');
  const free = slots.find((n) => failures[`f${n}`]?.kind === 'none');
  const common = { x, hbLane, height, durationS };
  return (
    <>
      {/* Spans apart from their markers: a span stays while any of it is in the window (its
          start may have scrolled out; the clip cuts it at the gutter), and it lies under the
          markers. */}
      <TimelineClip id="timeline-clip-fail-spans" x={x} height={height}>
        {used.map((n) => (
          <FailureSpan
            key={n}
            n={n}
            f={failures[`f${n}`] as FailureSlot}
            x={x}
            hbLane={hbLane}
            durationS={durationS}
          />
        ))}
      </TimelineClip>
      {used.map((n) => {
        const f = failures[`f${n}`] as FailureSlot;
        return (
          <g key={n} className={`fail-group fail-kind-${f.kind}`}>
            <FailureHandle n={n} f={f} {...common} />
            {(heals(f.kind) || f.repairAtS > 0) && (
              <FailureEndHandle n={n} f={f} x={x} hbLane={hbLane} durationS={durationS} />
            )}
          </g>
        );
      })}
      {used.length === 0 && free !== undefined && (
        <FailureHandle n={free} f={failures[`f${free}`] as FailureSlot} {...common} ghost />
      )}
    </>
  );
}

function FailureHandle(
  props: Props & { n: number; f: FailureSlot; durationS: number; ghost?: boolean },
) {
  const { n, f, x, hbLane, height, durationS, ghost = false } = props;
  const ref = useRef<SVGGElement>(null);
  const key = `failures.f${n}`;
  const place = (s: number) => {
    const st = useLab.getState();
    const at = snapToStep(Math.min(s, st.scenario.durationS - FAIL_AT.step), FAIL_AT);
    const cur = st.scenario.failures[`f${n}`];
    if (cur && cur.kind !== 'none' && cur.atS === at) return;
    st.setFields(
      cur?.kind === 'none'
        ? { [`${key}.kind`]: 'host-crash', [`${key}.target`]: 1, [`${key}.atS`]: at }
        : moveFailure(st.scenario, n, at),
    );
  };
  useTimeDrag(ref, x, place);
  const [t0, t1] = x.domain() as [number, number];
  // With no failure set, the ghost waits mid-run (or at its time, if inside the run) to be dragged.
  const markS = ghost ? Math.min(f.atS, durationS / 2) : f.atS;
  if (markS * 1e6 > t1 || markS * 1e6 < t0) return null;
  const fx = x(markS * 1e6);
  const kind = ghost ? 'host-crash' : f.kind;
  const label = FAILURE_KINDS.find((k) => k.value === f.kind)?.label ?? f.kind;
  const what = ghost
    ? 'Drag to crash host 1 at this time'
    : `Failure ${n}: ${label}, target ${failureText(f)}, time (drag, or use the arrow keys)`;
  const onKey = (e: React.KeyboardEvent) => {
    const v = keyTarget(e, markS, FAIL_AT.step, FAIL_AT.min, durationS);
    if (v === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    place(snapToStep(Math.max(FAIL_AT.min, v), FAIL_AT));
  };
  // The grip sits below the event diamonds (row 2 ends 43 px into the 50 px lane), so it does not
  // cover the crash diamond it marks.
  const gripY = hbLane.y + hbLane.height;
  // Near the right edge the label goes left of its marker, so it is not cut off.
  const nearRight = fx > (x.range()[1] ?? fx) - 160;
  return (
    <g
      ref={ref}
      className={`handle fail-handle${ghost ? ' off' : ''}`}
      tabIndex={0}
      role="slider"
      aria-label={what}
      aria-valuemin={FAIL_AT.min}
      aria-valuemax={durationS}
      aria-valuenow={markS}
      aria-valuetext={`${markS} s${ghost ? ' (no failure set)' : ''}`}
      data-testid={n === 1 ? 'failure-handle' : `failure-handle-f${n}`}
      data-kind={ghost ? 'none' : f.kind}
      onKeyDown={onKey}
    >
      <line x1={fx} x2={fx} y1={0} y2={height} className="fail-line" />
      <path
        d={KIND_SHAPE[kind]}
        transform={`translate(${fx},${gripY})`}
        className="grip fail-grip"
      />
      {/* The whole grip square takes the pointer, also where a shape has a gap (the partition's bars). */}
      <rect x={fx - 9} y={gripY - 9} width={18} height={18} className="fail-hit" />
      <text
        x={nearRight ? fx - 6 : fx + 6}
        y={12 + 14 * ((n - 1) % 3)}
        textAnchor={nearRight ? 'end' : 'start'}
        className="handle-label"
      >
        {ghost ? 'drag: crash here' : `${KIND_BADGE[f.kind]} ${failureText(f)} ${f.atS} s`}
      </text>
    </g>
  );
}

/**
 * How long a partition or a link cut lasts (to its heal, or to the end of the run): a band over
 * the heartbeat lane, drawn while any part of it is in the window. It takes no pointer events:
 * it lay over the zoom area and ate the wheel (no zoom over a partition) and the lane's readout;
 * now the wheel zooms and a drag pans over it as over the rest of the lane. Its markers move it.
 */
function FailureSpan({
  n,
  f,
  x,
  hbLane,
  durationS,
}: {
  n: number;
  f: FailureSlot;
  x: d3.ScaleLinear<number, number>;
  hbLane: Lane;
  durationS: number;
}) {
  if (!heals(f.kind)) return null;
  const startUs = f.atS * 1e6;
  const endUs = (f.untilS || durationS) * 1e6;
  const [t0, t1] = x.domain() as [number, number];
  if (endUs <= startUs || endUs <= t0 || startUs >= t1) return null;
  // Ends outside the window stop just past the plot's edges (zoomed far in, the true ends are
  // millions of px away), so their dashed edges fall outside the clip: only a real start or heal
  // shows an edge.
  const [left = 0, right = 0] = x.range();
  const a = Math.max(x(startUs), left - 4);
  const b = Math.min(x(endUs), right + 4);
  return (
    <rect
      x={a}
      y={hbLane.y}
      width={Math.max(0, b - a)}
      height={hbLane.height}
      className={`fail-span fail-span-${f.kind}`}
      data-testid={`fail-span-f${n}`}
      pointerEvents="none"
    />
  );
}
