import * as d3 from 'd3';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PointStat } from '../../sim/sweep/aggregate';
import { OKABE_ITO } from '../theme';
import { figure } from '../components/figure';

interface Props {
  readonly width: number;
  readonly stats: readonly PointStat[];
  /** Axis labels: the varied fields and the metric (with units). */
  readonly xLabel: string;
  readonly yLabel: string;
  /** Values along the axis in order (numbers, or choices shown as categories). */
  readonly xValues: readonly (number | string | boolean)[];
  readonly onOpen: (point: readonly number[]) => void;
}

const M = { left: 64, right: 16, top: 24, bottom: 44 };
/** Between a heat map's row label and its row of cells. */
const LABEL_GAP = 6;
const H = 260;

/**
 * Metric against one parameter: the mean across seeds as a line, the spread (min–max) as a band,
 * each point a button that opens its run. Numbers on a linear axis, choices as categories.
 */
export function SweepLineChart({ width, stats, xLabel, yLabel, xValues, onOpen }: Props) {
  const axes = useRef<SVGGElement>(null);
  const numeric = xValues.every((v) => typeof v === 'number');
  const x0 = M.left;
  const x1 = Math.max(x0 + 50, width - M.right);
  const xNum = d3
    .scaleLinear()
    .domain(d3.extent(xValues as number[]) as [number, number])
    .range([x0, x1]);
  const xCat = d3.scalePoint<string>().domain(xValues.map(String)).range([x0, x1]).padding(0.5);
  const xOf = (i: number): number =>
    numeric ? xNum(xValues[i] as number) : (xCat(String(xValues[i])) ?? x0);
  const pts = stats.filter((p) => p.mean !== null);
  const ymax = d3.max(pts, (p) => p.max ?? 0) ?? 0;
  const ymin = Math.min(0, d3.min(pts, (p) => p.min ?? 0) ?? 0);
  const y = d3
    .scaleLinear()
    .domain([ymin, ymax > ymin ? ymax * 1.08 : ymin + 1])
    .nice()
    .range([H - M.bottom, M.top]);

  useEffect(() => {
    const g = axes.current;
    if (!g) return;
    const sel = d3.select(g);
    sel.selectAll('*').remove();
    sel
      .append('g')
      .attr('transform', `translate(0,${H - M.bottom})`)
      .call(numeric ? d3.axisBottom(xNum).ticks(8) : d3.axisBottom(xCat));
    sel.append('g').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(6));
  }, [numeric, xNum, xCat, y]);

  // Every point in axis order; one without a value breaks the line and the band there.
  const all = [...stats].sort((a, b) => (a.point[0] ?? 0) - (b.point[0] ?? 0));
  const order = all.filter((p) => p.mean !== null);
  const band = d3
    .area<PointStat>()
    .defined((p) => p.mean !== null)
    .x((p) => xOf(p.point[0] ?? 0))
    .y0((p) => y(p.min ?? 0))
    .y1((p) => y(p.max ?? 0));
  const line = d3
    .line<PointStat>()
    .defined((p) => p.mean !== null)
    .x((p) => xOf(p.point[0] ?? 0))
    .y((p) => y(p.mean ?? 0));

  return (
    <svg
      width={width}
      height={H}
      role="group"
      aria-label={`${yLabel} against ${xLabel}`}
      data-testid="sweep-chart"
    >
      <g ref={axes} className="axis" />
      <path d={band(all) ?? ''} fill={OKABE_ITO.sky} opacity={0.35} data-testid="sweep-band" />
      <path d={line(all) ?? ''} fill="none" stroke={OKABE_ITO.blue} strokeWidth={2} />
      {order.map((p) => (
        <circle
          key={p.point.join(',')}
          cx={xOf(p.point[0] ?? 0)}
          cy={y(p.mean ?? 0)}
          r={6}
          fill={OKABE_ITO.blue}
          stroke="#fff"
          strokeWidth={1.5}
          tabIndex={0}
          role="button"
          className="sweep-point"
          aria-label={`${xLabel} ${String(xValues[p.point[0] ?? 0])}: ${yLabel} ${fmt(p.mean)} (range ${fmt(p.min)}–${fmt(p.max)} over ${p.n} seeds); open this run`}
          onClick={() => onOpen(p.point)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onOpen(p.point);
            }
          }}
        >
          <title>{`${String(xValues[p.point[0] ?? 0])}: ${fmt(p.mean)} [${fmt(p.min)}, ${fmt(p.max)}]`}</title>
        </circle>
      ))}
      <text x={(x0 + x1) / 2} y={H - 6} textAnchor="middle" className="axis-label">
        {xLabel}
      </text>
      <text x={M.left} y={M.top - 8} className="axis-label">
        {yLabel}
      </text>
    </svg>
  );
}

const fmt = figure;

interface HeatProps {
  readonly width: number;
  readonly stats: readonly PointStat[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly metricLabel: string;
  readonly xValues: readonly (number | string | boolean)[];
  readonly yValues: readonly (number | string | boolean)[];
  readonly onOpen: (point: readonly number[]) => void;
}

/** Metric against two parameters: a heat map (cividis, readable with colour-blindness), each cell a button. */
export function SweepHeatMap({
  width,
  stats,
  xLabel,
  yLabel,
  metricLabel,
  xValues,
  yValues,
  onOpen,
}: HeatProps) {
  // The row labels' column is as wide as the widest label (a choice such as "tcp-only" at the
  // page's font), measured once drawn; the cells start after it. Measured before paint, so the
  // first frame is laid out too. Its title sits above it, as the line chart's does: a rotated
  // title beside the labels overlapped the longer ones.
  const rows = useRef<SVGGElement>(null);
  const [labelW, setLabelW] = useState(0);
  useLayoutEffect(() => {
    const g = rows.current;
    if (!g) return;
    let w = 0;
    for (const t of g.querySelectorAll('text')) w = Math.max(w, t.getComputedTextLength());
    // The same width again changes nothing (React skips it): the second pass ends there.
    setLabelW(Math.ceil(w));
  }, [yValues]);
  const x0 = Math.max(M.left, labelW + LABEL_GAP + 8);
  const x1 = Math.max(x0 + 50, width - M.right);
  const cw = (x1 - x0) / Math.max(1, xValues.length);
  const ch = (H - M.bottom - M.top) / Math.max(1, yValues.length);
  const vals = stats.map((p) => p.mean).filter((v): v is number => v !== null);
  const colour = d3
    .scaleSequential(d3.interpolateCividis)
    .domain([d3.min(vals) ?? 0, d3.max(vals) ?? 1]);
  return (
    <svg
      width={width}
      height={H}
      role="group"
      aria-label={`${metricLabel} against ${xLabel} and ${yLabel}`}
      data-testid="sweep-heatmap"
    >
      {stats.map((p) => {
        const i = p.point[0] ?? 0;
        const j = p.point[1] ?? 0;
        const cx = x0 + i * cw;
        const cy = H - M.bottom - (j + 1) * ch;
        return (
          <g
            key={p.point.join(',')}
            tabIndex={0}
            role="button"
            className="sweep-point"
            aria-label={`${xLabel} ${String(xValues[i])}, ${yLabel} ${String(yValues[j])}: ${metricLabel} ${fmt(p.mean)}; open this run`}
            onClick={() => onOpen(p.point)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpen(p.point);
              }
            }}
          >
            <rect
              x={cx}
              y={cy}
              width={cw - 1}
              height={ch - 1}
              fill={p.mean === null ? '#ddd' : colour(p.mean)}
            />
            {cw > 38 && ch > 16 && (
              <text
                x={cx + cw / 2}
                y={cy + ch / 2 + 4}
                textAnchor="middle"
                className="heat-label"
                fill={
                  p.mean !== null &&
                  colour.domain()[1] !== undefined &&
                  p.mean > ((colour.domain()[0] ?? 0) + (colour.domain()[1] ?? 0)) / 2
                    ? '#000'
                    : '#fff'
                }
              >
                {fmt(p.mean)}
              </text>
            )}
          </g>
        );
      })}
      {xValues.map((v, i) => (
        <text
          key={`x${i}`}
          x={x0 + (i + 0.5) * cw}
          y={H - M.bottom + 16}
          textAnchor="middle"
          className="tick-label"
        >
          {String(v)}
        </text>
      ))}
      <g ref={rows}>
        {yValues.map((v, j) => (
          <text
            key={`y${j}`}
            x={x0 - LABEL_GAP}
            y={H - M.bottom - (j + 0.5) * ch + 4}
            textAnchor="end"
            className="tick-label"
          >
            {String(v)}
          </text>
        ))}
      </g>
      <text x={(x0 + x1) / 2} y={H - 6} textAnchor="middle" className="axis-label">
        {xLabel}
      </text>
      <text x={4} y={M.top - 8} className="axis-label" data-testid="sweep-heatmap-ytitle">
        {yLabel}
      </text>
    </svg>
  );
}
