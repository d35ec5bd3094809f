import { ExportButtons } from '../export/ExportButtons';
import { seriesCsv } from '../export/series-csv';
import * as d3 from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { valuesAt } from './chart-readout';
import { MARGIN_LEFT, MARGIN_RIGHT } from '../timeline/layout';
import { drawTimeAxes } from './time-axes';
import { PlotClip } from './PlotClip';
import { useChartHeight } from './projector-fit';

export interface LineSeries {
  readonly kind: 'line';
  readonly label: string;
  readonly colour: string;
  readonly dashed?: boolean;
  /** Dotted (takes precedence over dashed): a third line style, e.g. the third call drawn. */
  readonly dotted?: boolean;
  /** Stroke width (2 when absent); see overlap.ts. */
  readonly width?: number;
  /** Draw a run of points between gaps that is under 3 px wide as a dot (a step that short is invisible). */
  readonly dots?: boolean;
  readonly points: readonly [number, number][];
}

const DASHED = '6 4';
const DOTTED = '2 3';

/** A legend swatch drawn in its line's pattern (a dashed and a dotted line of one colour differ there too). */
function swatchBackground(s: LineSeries): string {
  const dash = s.dotted ? DOTTED : s.dashed ? DASHED : null;
  if (!dash) return s.colour;
  const [on, off] = dash.split(' ').map(Number) as [number, number];
  return `repeating-linear-gradient(90deg, ${s.colour} 0 ${on}px, transparent ${on}px ${on + off}px)`;
}

/**
 * Where a line's runs of numbers (between gaps) are under 3 px wide, their first point: a step
 * that short cannot be seen, so it is drawn as a dot.
 */
function shortRuns(p: readonly [number, number][], x: (t: number) => number): [number, number][] {
  const out: [number, number][] = [];
  let from = -1;
  p.forEach((q, i) => {
    const ok = Number.isFinite(q[1]);
    if (ok && from < 0) from = i;
    const next = p[i + 1];
    if (ok && (!next || !Number.isFinite(next[1]))) {
      const first = p[from] as [number, number];
      if (x(q[0]) - x(first[0]) < 3) out.push(first);
      from = -1;
    }
  });
  return out;
}

/** A band between two values per time (percentiles across streams), drawn as steps; NaN leaves a gap. */
export interface BandSeries {
  readonly kind: 'band';
  readonly label: string;
  readonly colour: string;
  readonly opacity: number;
  /** (time µs, low, high). */
  readonly points: readonly [number, number, number][];
}

export interface BarSeries {
  readonly kind: 'bars';
  readonly label: string;
  readonly colour: string;
  /** One value per simulated second, stacked on the series before it. */
  readonly perSecond: readonly number[];
}

interface Props {
  readonly title: string;
  readonly unit: string;
  readonly width: number;
  readonly height: number;
  readonly t0: number;
  readonly t1: number;
  readonly until: number;
  readonly series: readonly Series[];
  readonly testId: string;
  readonly note?: string;
  /** Click on the plot: the time (µs) and value under the pointer. */
  readonly onPick?: (t: number, value: number) => void;
}

export type Series = LineSeries | BandSeries | BarSeries;

const finite = (p: readonly number[]) => p.every(Number.isFinite);

const num = (v: number) => Number(v.toPrecision(4));

/** A time chart on the shared window, aligned with the timeline's gutter (d3 scales, axes, line). */
export function TimeChart({
  title,
  unit,
  width,
  height: usualHeight,
  t0,
  t1,
  until,
  series,
  testId,
  note,
  onPick,
}: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const figRef = useRef<HTMLElement>(null);
  // Projector mode on a window shorter than 768 px: the chart gives up the rows the window lacks.
  const height = useChartHeight(usualHeight);
  const plotH = height - 28;
  // Hover readout: a crosshair and each series' value at that time.
  const [hover, setHover] = useState<{ px: number; t: number } | null>(null);
  // The scales are kept while their domain and range stand, so the axes (d3-axis rewrites every
  // tick's attributes: 11 % of the main thread's script time playing an 800-stream run) are
  // redrawn only when they change, not on every frame of playback.
  const x = useMemo(
    () =>
      d3
        .scaleLinear()
        .domain([t0, t1])
        .range([MARGIN_LEFT, width - MARGIN_RIGHT]),
    [t0, t1, width],
  );
  let ymax = 0;
  const stacks: number[] = [];
  for (const s of series) {
    if (s.kind === 'line') for (const p of s.points) ymax = Math.max(ymax, p[1] || 0);
    else if (s.kind === 'band') for (const p of s.points) ymax = Math.max(ymax, p[2] || 0);
    else
      s.perSecond.forEach((v, i) => {
        stacks[i] = (stacks[i] ?? 0) + v;
        ymax = Math.max(ymax, stacks[i] as number);
      });
  }
  // Below 1 µs (0.001 ms) a value is floating-point residue (times are whole µs): draw a 0–1 axis
  // rather than ticks like 0.0000000000000025. The top is rounded by `nice`, so it changes far
  // less often than the largest value.
  const yTop = d3
    .scaleLinear()
    .domain([0, ymax > 1e-3 ? ymax * 1.08 : 1])
    .nice()
    .domain()[1] as number;
  const y = useMemo(() => d3.scaleLinear().domain([0, yTop]).range([plotH, 8]), [yTop, plotH]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    drawTimeAxes(svg, x, y, plotH, width);
  }, [x, y, plotH, width]);

  // A sample holds until the next one (RFC 3550 J only changes when a packet arrives), so steps,
  // not ramps that would invent values across gaps where nothing arrived.
  const line = d3
    .line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))
    .defined(finite)
    .curve(d3.curveStepAfter);
  const area = d3
    .area<[number, number, number]>()
    .x((p) => x(p[0]))
    .y0((p) => y(p[1]))
    .y1((p) => y(p[2]))
    .defined(finite)
    .curve(d3.curveStepAfter);
  const base: number[] = [];
  const hasData = series.some((s) =>
    s.kind === 'bars' ? s.perSecond.some((v) => v > 0) : s.points.some(finite),
  );
  return (
    <figure
      ref={figRef}
      className="chart"
      data-testid={testId}
      data-points={series.reduce(
        (n, s) => n + (s.kind === 'bars' ? s.perSecond.length : s.points.length),
        0,
      )}
    >
      <figcaption>
        <strong>{title}</strong> <span className="unit">({unit})</span>
        <span className="legend">
          {series.map((s) => (
            <span key={s.label} className="legend-item">
              <span
                className={`swatch${s.kind === 'line' && (s.dashed || s.dotted) ? ' dashed' : ''}`}
                style={{
                  background: s.kind === 'line' ? swatchBackground(s) : s.colour,
                  ...(s.kind === 'band' ? { opacity: s.opacity, height: '10px' } : {}),
                  ...(s.kind === 'line' && !s.dashed && !s.dotted && s.width
                    ? { height: `${Math.max(3, s.width)}px` }
                    : {}),
                }}
              />
              {s.label}
            </span>
          ))}
        </span>
        {note && <span className="chart-note">{note}</span>}
        <ExportButtons figure={figRef} name={title} csv={() => seriesCsv(unit, series)} />
      </figcaption>
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="img"
        aria-label={`${title} over time`}
        onPointerMove={(e) => {
          const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
          if (px < MARGIN_LEFT || px > width - MARGIN_RIGHT) return setHover(null);
          setHover({ px, t: x.invert(px) });
        }}
        onPointerLeave={() => setHover(null)}
        {...(onPick
          ? {
              onClick: (e: React.MouseEvent<SVGSVGElement>) => {
                const r = e.currentTarget.getBoundingClientRect();
                const px = e.clientX - r.left;
                if (px < MARGIN_LEFT || px > width - MARGIN_RIGHT) return;
                onPick(x.invert(px), y.invert(e.clientY - r.top));
              },
              style: { cursor: 'crosshair' },
            }
          : {})}
      >
        <PlotClip id={testId} width={width} height={plotH}>
          {series.map((s) => {
            if (s.kind === 'band') {
              return (
                <path
                  key={s.label}
                  data-series={s.label}
                  d={area(s.points as [number, number, number][]) ?? ''}
                  fill={s.colour}
                  fillOpacity={s.opacity}
                  stroke="none"
                />
              );
            }
            if (s.kind === 'line') {
              return (
                <g key={s.label}>
                  <path
                    data-series={s.label}
                    d={line(s.points as [number, number][]) ?? ''}
                    stroke={s.colour}
                    strokeWidth={s.width ?? 2}
                    fill="none"
                    strokeDasharray={s.dotted ? DOTTED : s.dashed ? DASHED : undefined}
                  />
                  {s.dots &&
                    shortRuns(s.points, x).map(([t, v]) => (
                      <circle key={t} cx={x(t)} cy={y(v)} r={3} fill={s.colour} />
                    ))}
                </g>
              );
            }
            const bars = s.perSecond.map((v, i) => {
              const b0 = base[i] ?? 0;
              base[i] = b0 + v;
              const ts = i * 1e6;
              if (v <= 0 || ts + 1e6 < t0 || ts > t1 || ts > until) return null;
              const xa = x(ts);
              const xb = x(Math.min(ts + 1e6, until));
              return (
                <rect
                  key={i}
                  x={xa + 1}
                  width={Math.max(1, xb - xa - 2)}
                  y={y(b0 + v)}
                  height={y(b0) - y(b0 + v)}
                  fill={s.colour}
                />
              );
            });
            return <g key={s.label}>{bars}</g>;
          })}
        </PlotClip>
        <g className="x-axis" />
        <g className="y-axis" />
        {!hasData && (
          <text x={MARGIN_LEFT + 12} y={plotH / 2} className="empty">
            {until >= t1 ? 'nothing in this window' : 'nothing yet up to the playhead'}
          </text>
        )}
        <line
          className="playhead"
          x1={x(until)}
          x2={x(until)}
          y1={0}
          y2={plotH}
          visibility={until >= t0 && until <= t1 ? 'visible' : 'hidden'}
        />
        {hover && (
          <line
            className="crosshair"
            x1={hover.px}
            x2={hover.px}
            y1={0}
            y2={plotH}
            pointerEvents="none"
          />
        )}
      </svg>
      {hover && (
        <div
          className="readout"
          data-testid={`${testId}-readout`}
          style={{ left: Math.min(hover.px + 10, Math.max(0, width - 300)), top: 40 }}
        >
          <strong>{(hover.t / 1e6).toFixed(3)} s</strong>
          {valuesAt(series, hover.t).map((v) => (
            <div key={v.label}>
              {v.label}:{' '}
              {v.value === null
                ? '—'
                : `${v.low === undefined ? '' : `${num(v.low)}–`}${num(v.value)} ${unit}`}
            </div>
          ))}
        </div>
      )}
    </figure>
  );
}
