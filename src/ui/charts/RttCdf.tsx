import { ExportButtons } from '../export/ExportButtons';
import { toCsv } from '../../sim/export/csv';
import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import { empiricalCdf, mean } from '../../sim/metrics/stats';
import { OKABE_ITO } from '../theme';

interface Series {
  readonly label: string;
  readonly rttMs: readonly number[];
  readonly colour: string;
  readonly dashed: boolean;
}

interface Props {
  readonly width: number;
  readonly current: Series;
  readonly previous: Series | null;
}

const H = 220;
const M = { l: 56, r: 16, t: 10, b: 36 };

/** Empirical CDF of ping round-trip times (d3 scales, axes, step line): this run against the previous one. */
export function RttCdf({ width, current, previous }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const figRef = useRef<HTMLElement>(null);
  const series = previous ? [current, previous] : [current];
  const xmax = Math.max(1, ...series.flatMap((s) => s.rttMs));
  const x = d3
    .scaleLinear()
    .domain([0, xmax])
    .nice()
    .range([M.l, width - M.r]);
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([H - M.b, M.t]);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    d3.select(svg)
      .select<SVGGElement>('g.x-axis')
      .attr('transform', `translate(0, ${H - M.b})`)
      .call(d3.axisBottom(x).ticks(6));
    d3.select(svg)
      .select<SVGGElement>('g.y-axis')
      .attr('transform', `translate(${M.l}, 0)`)
      .call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  }, [x, y]);
  const line = d3
    .line<{ x: number; p: number }>()
    .x((d) => x(d.x))
    .y((d) => y(d.p))
    .curve(d3.curveStepAfter);
  return (
    <figure
      ref={figRef}
      className="chart"
      data-testid="chart-rtt-cdf"
      data-mean={mean(current.rttMs).toFixed(3)}
      data-count={current.rttMs.length}
    >
      <figcaption>
        <strong>Ping round-trip time, CDF</strong> <span className="unit">(ms)</span>
        <span className="legend">
          {series.map((s) => (
            <span key={s.label + s.dashed} className="legend-item">
              <span
                className={`swatch${s.dashed ? ' dashed' : ''}`}
                style={{ background: s.colour }}
              />
              {s.dashed ? 'previous run' : 'this run'}: {s.label} — mean {mean(s.rttMs).toFixed(1)}{' '}
              ms, worst {s.rttMs.length ? Math.max(...s.rttMs).toFixed(1) : '—'} ms
            </span>
          ))}
        </span>
        <ExportButtons
          figure={figRef}
          name="Ping round-trip time"
          csv={() =>
            toCsv(
              ['run', 'label', 'rtt_ms'],
              series.flatMap((s) =>
                s.rttMs.map((v) => [s.dashed ? 'previous' : 'this', s.label, v]),
              ),
            )
          }
        />
      </figcaption>
      <svg
        ref={svgRef}
        width={width}
        height={H}
        role="img"
        aria-label="Cumulative distribution of ping round-trip times"
      >
        {series.map((s) => {
          const pts = [{ x: 0, p: 0 }, ...empiricalCdf(s.rttMs)];
          return (
            <path
              key={s.label + s.dashed}
              d={line(pts) ?? ''}
              stroke={s.colour}
              strokeWidth={2.5}
              fill="none"
              strokeDasharray={s.dashed ? '7 5' : undefined}
            />
          );
        })}
        <g className="x-axis" />
        <g className="y-axis" />
        <text x={(M.l + width - M.r) / 2} y={H - 4} textAnchor="middle" className="axis-title">
          round-trip time (ms)
        </text>
      </svg>
    </figure>
  );
}

export const CDF_COLOURS = { current: OKABE_ITO.blue, previous: OKABE_ITO.vermillion } as const;
