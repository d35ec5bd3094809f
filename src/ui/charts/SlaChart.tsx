import { ExportButtons } from '../export/ExportButtons';
import { toCsv } from '../../sim/export/csv';
import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import type { NumberField } from '../../sim/scenario/field';
import { fieldAt, getPath } from '../../sim/scenario/scenario';
import { useLab } from '../store/store';
import { vmColour } from '../theme';
import { MARGIN_LEFT, MARGIN_RIGHT, plotWidth } from '../timeline/layout';
import { drawTimeAxes } from './time-axes';
import { sharedDash, underlapWidth } from './overlap';
import { PlotClip } from './PlotClip';
import { decimate } from './decimate';

export interface SlaSeries {
  readonly vm: number;
  readonly t: readonly number[];
  readonly values: readonly number[];
  /** DBA-VM allocation steps, if any. */
  readonly allocT: readonly number[];
  readonly alloc: readonly number[];
  /** The SLA field this chart's line edits (vms.vmK.slaMbps or slaKpps) and its value. */
  readonly slaPath: string;
  readonly sla: number;
}

interface Props {
  readonly title: string;
  readonly unit: string;
  readonly width: number;
  readonly t0: number;
  readonly t1: number;
  readonly until: number;
  readonly series: readonly SlaSeries[];
  readonly testId: string;
}

const H = 200;

/** Width of an SLA grip with its label ("vm2 700"), and the step between grips side by side. */
const GRIP_W = 76;

/**
 * Throughput per VM on the shared time axis, with each VM's SLA as a horizontal line you can drag
 * (d3-drag, or the arrow keys) and DBA-VM's allocation as a dotted step line.
 */
export function SlaChart({ title, unit, width, t0, t1, until, series, testId }: Props) {
  const figRef = useRef<HTMLElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const plotH = H - 28;
  const x = d3
    .scaleLinear()
    .domain([t0, t1])
    .range([MARGIN_LEFT, width - MARGIN_RIGHT]);
  const ymax = Math.max(1, ...series.flatMap((s) => [...s.values, s.sla, ...s.alloc]));
  const y = d3
    .scaleLinear()
    .domain([0, ymax * 1.1])
    .nice()
    .range([plotH, 8]);
  const px = plotWidth(width);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    drawTimeAxes(svg, x, y, plotH, width);
    const s = d3.select(svg);
    // Drag each SLA grip vertically.
    for (const g of s.selectAll<SVGGElement, unknown>('g.sla-handle').nodes()) {
      const path = g.getAttribute('data-path') ?? '';
      const f = fieldAt(path) as NumberField | undefined;
      if (!f) continue;
      // The scale is frozen for the whole gesture: each edit re-runs the model and rescales the chart.
      let frozen = y;
      d3.select(g).call(
        d3
          .drag<SVGGElement, unknown>()
          .on('start', () => {
            frozen = y.copy();
          })
          .on('drag', (ev: d3.D3DragEvent<SVGGElement, unknown, unknown>) => {
            const v = Math.min(
              f.max,
              Math.max(f.min, Math.round(frozen.invert(ev.y) / f.step) * f.step),
            );
            if (v !== getPath(useLab.getState().scenario, path))
              useLab.getState().setField(path, v);
          }),
      );
    }
    return () => {
      s.selectAll<SVGGElement, unknown>('g.sla-handle').on('.drag', null);
    };
  }, [x, y, plotH, width, t0, t1, series]);

  const line = d3
    .line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))
    .curve(d3.curveStepAfter);
  // SLA grips at the same height (vm1 and vm3 at 150 Mb/s) sit side by side, not stacked.
  const gripShift = series.map(
    (s, i) => series.slice(0, i).filter((o) => Math.abs(y(o.sla) - y(s.sla)) < 18).length,
  );
  const key = (e: React.KeyboardEvent, s: SlaSeries) => {
    const f = fieldAt(s.slaPath) as NumberField;
    const step = f.step * (e.shiftKey ? 10 : 1);
    let v = s.sla;
    if (e.key === 'ArrowUp' || e.key === 'ArrowRight') v += step;
    else if (e.key === 'ArrowDown' || e.key === 'ArrowLeft') v -= step;
    else return;
    e.preventDefault();
    useLab.getState().setField(s.slaPath, Math.min(f.max, Math.max(f.min, v)));
  };
  return (
    <figure ref={figRef} className="chart" data-testid={testId}>
      <figcaption>
        <strong>{title}</strong> <span className="unit">({unit})</span>
        <span className="legend">
          {series.map((s, i) => (
            <span key={s.vm} className="legend-item">
              <span
                className="swatch"
                style={{
                  background: vmColour(s.vm),
                  height: `${Math.max(3, underlapWidth(i, series.length))}px`,
                }}
              />
              vm{s.vm}
            </span>
          ))}
          <span className="legend-item">— — SLA (drag it)</span>
          <span className="legend-item">······ DBA-VM allocation</span>
        </span>
        <ExportButtons
          figure={figRef}
          name={title}
          csv={() =>
            toCsv(
              ['vm', 'time_s', 'value', 'sla'],
              series.flatMap((s) =>
                s.t.map((t, i) => [`vm${s.vm}`, t / 1e6, s.values[i] ?? '', s.sla]),
              ),
            )
          }
        />
      </figcaption>
      <svg
        ref={svgRef}
        width={width}
        height={H}
        role="group"
        aria-label={`${title}; each VM's SLA line can be moved with the arrow keys`}
      >
        <PlotClip id={testId} width={width} height={plotH}>
          {series.map((s, i) => (
            <g key={s.vm}>
              <path
                d={line(decimate(s.t, s.values, t0, t1, until, px)) ?? ''}
                stroke={vmColour(s.vm)}
                strokeWidth={underlapWidth(i, series.length)}
                fill="none"
              />
              {s.alloc.length > 0 && (
                <path
                  d={
                    line(
                      s.allocT
                        .map((t, i) => [t, s.alloc[i] as number] as [number, number])
                        .concat([[t1, s.alloc[s.alloc.length - 1] as number]]),
                    ) ?? ''
                  }
                  stroke={vmColour(s.vm)}
                  strokeWidth={2}
                  strokeDasharray="2 4"
                  fill="none"
                />
              )}
            </g>
          ))}
        </PlotClip>
        {series.map((s, i) => (
          <g
            key={s.vm}
            className="sla-handle"
            data-path={s.slaPath}
            data-testid={`sla-${testId}-vm${s.vm}`}
            tabIndex={0}
            role="slider"
            aria-label={`vm${s.vm} SLA (${unit})`}
            aria-valuenow={s.sla}
            aria-valuetext={`${s.sla} ${unit}`}
            onKeyDown={(e) => key(e, s)}
          >
            <line
              x1={MARGIN_LEFT}
              x2={width - MARGIN_RIGHT}
              y1={y(s.sla)}
              y2={y(s.sla)}
              stroke={vmColour(s.vm)}
              strokeWidth={2}
              strokeDasharray={sharedDash(i, series.length).array}
              strokeDashoffset={sharedDash(i, series.length).offset}
            />
            <rect
              x={width - MARGIN_RIGHT - GRIP_W - GRIP_W * (gripShift[i] ?? 0)}
              y={y(s.sla) - 9}
              width={GRIP_W - 4}
              height={18}
              rx={4}
              className="sla-grip"
              stroke={vmColour(s.vm)}
            />
            <text
              x={width - MARGIN_RIGHT - GRIP_W + 5 - GRIP_W * (gripShift[i] ?? 0)}
              y={y(s.sla) + 5}
              className="sla-label"
            >
              vm{s.vm} {s.sla}
            </text>
          </g>
        ))}
        <g className="x-axis" />
        <g className="y-axis" />
      </svg>
    </figure>
  );
}
