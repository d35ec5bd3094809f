import * as d3 from 'd3';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { fieldAt } from '../../sim/scenario/scenario';
import type { NumberField } from '../../sim/scenario/field';
import { snapToStep } from '../components/field-step';
import { isReplicated } from '../../sim/scenario/topology';
import { useLab } from '../store/store';
import { FailureHandles } from './FailureHandles';
import { TimelineClip } from './TimelineClip';
import type { Lane } from './layout';

interface Props {
  readonly x: d3.ScaleLinear<number, number>;
  readonly lanes: readonly Lane[];
  readonly height: number;
}

const INTERVAL = fieldAt('replication.intervalMs') as NumberField;
const snap = snapToStep;

/**
 * Drag handles on the timeline itself (d3-drag): the checkpoint interval, measured from an
 * acknowledgement to the next suspend, and the failures' times (FailureHandles). All are keyboard sliders too.
 */
export function TimelineHandles({ x, lanes, height }: Props) {
  const { views, version, interval, replicated } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      interval: s.scenario.replication.intervalMs,
      replicated: isReplicated(s.scenario),
    })),
  );
  const intervalRef = useRef<SVGGElement>(null);
  // While dragging, the bracket stays anchored where the drag began (the run re-computes under it).
  const [dragAnchor, setDragAnchor] = useState<number | null>(null);
  const epochLane = lanes.find((l) => l.kind === 'epochs');
  const hbLane = lanes.find((l) => l.kind === 'heartbeat');
  const [t0] = x.domain() as [number, number];
  // Anchor: the first acknowledgement in view; the handle sits one interval later (libxl epochs).
  const firstAck = views.epochs.find((e) => e.ack >= t0)?.ack;
  // While an edit recomputes the run there are no epochs yet: the handle stays where it was (it
  // used to unmount, and keyboard focus fell to the page after one arrow press).
  const [keptAck, setKeptAck] = useState<number | undefined>(undefined);
  if (firstAck !== undefined && firstAck !== keptAck) setKeptAck(firstAck);
  const anchor = dragAnchor ?? firstAck ?? keptAck ?? t0;
  void version;

  useEffect(() => {
    const g = intervalRef.current;
    if (!g) return;
    let a: number | null = null;
    const drag = d3
      .drag<SVGGElement, unknown>()
      .on('start', () => {
        a = anchor;
        setDragAnchor(a);
      })
      .on('drag', (ev: d3.D3DragEvent<SVGGElement, unknown, unknown>) => {
        if (a === null) return;
        const ms = snap((x.invert(ev.x) - a) / 1000, INTERVAL);
        if (ms !== useLab.getState().scenario.replication.intervalMs)
          useLab.getState().setField(INTERVAL.path, ms);
      })
      .on('end', () => {
        a = null;
        setDragAnchor(null);
      });
    d3.select(g).call(drag);
    return () => {
      d3.select(g).on('.drag', null);
    };
  }, [x, anchor]);

  const keyStep = (
    e: React.KeyboardEvent,
    f: NumberField,
    value: number,
    apply: (v: number) => void,
  ) => {
    const step = f.step * (e.shiftKey ? 10 : 1);
    let v = value;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') v += step;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') v -= step;
    else if (e.key === 'Home') v = f.min;
    else if (e.key === 'End') v = f.max;
    else return;
    e.preventDefault();
    e.stopPropagation();
    apply(snap(v, f));
  };

  return (
    <g className="handles">
      {/* Zoomed past the checkpoints, the handle keeps its last anchor, now left of the window:
          unclipped, its dotted bracket, grip and label drew over the lane labels in the gutter.
          The bracket is clipped to the plot; the grip may stick out by its half width, so at the
          whole run's first acknowledgement (the plot's left edge) it is not cut in two. */}
      {replicated && epochLane && (
        <g
          ref={intervalRef}
          className="handle interval-handle"
          tabIndex={0}
          role="slider"
          aria-label="Checkpoint interval (drag, or use the arrow keys)"
          aria-valuemin={INTERVAL.min}
          aria-valuemax={INTERVAL.max}
          aria-valuenow={interval}
          aria-valuetext={`${interval} ms`}
          data-testid="interval-handle"
          onKeyDown={(e) =>
            keyStep(e, INTERVAL, interval, (v) => useLab.getState().setField(INTERVAL.path, v))
          }
        >
          <TimelineClip id="timeline-clip-interval" x={x} height={height}>
            <line
              x1={x(anchor)}
              x2={x(anchor + interval * 1000)}
              y1={epochLane.y + 5}
              y2={epochLane.y + 5}
              className="interval-bracket"
            />
          </TimelineClip>
          <TimelineClip id="timeline-clip-interval-grip" x={x} height={height} bleed={8}>
            <rect
              x={x(anchor + interval * 1000) - 7}
              y={epochLane.y - 2}
              width={14}
              height={epochLane.height + 4}
              rx={3}
              className="grip"
            />
            {/* A backing, so the label reads over the checkpoint ticks it sits on (~8.5 px a
              character at 14 px bold). */}
            <rect
              x={x(anchor + interval * 1000) + 8}
              y={epochLane.y}
              width={`${interval} ms`.length * 8.5 + 6}
              height={19}
              rx={3}
              className="handle-label-bg"
            />
            <text
              x={x(anchor + interval * 1000) + 11}
              y={epochLane.y + 14}
              className="handle-label"
            >
              {interval} ms
            </text>
          </TimelineClip>
        </g>
      )}
      {hbLane && <FailureHandles x={x} hbLane={hbLane} height={height} />}
    </g>
  );
}
