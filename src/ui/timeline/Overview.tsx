import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';
import { MARGIN_LEFT, MARGIN_RIGHT } from './layout';
import { useWidth } from './use-width';
import { sameWindow, setViewWindow } from './view-window';

const HEIGHT = 34;

/** The whole run in one strip with a d3 brush that selects the window every timeline and chart shows. */
export function Overview() {
  const svgRef = useRef<SVGSVGElement>(null);
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const { start, end, durationS, playhead, progress } = useLab(
    useShallow((s) => ({
      start: s.viewStartUs,
      end: s.viewEndUs,
      durationS: s.scenario.durationS,
      playhead: s.playheadUs,
      progress: s.progress,
    })),
  );
  const durationUs = durationS * 1e6;
  const x = d3
    .scaleLinear()
    .domain([0, durationUs])
    .range([MARGIN_LEFT, width - MARGIN_RIGHT]);
  const brushRef = useRef<d3.BrushBehavior<unknown> | null>(null);
  // True while the sync effect moves the brush: its echo is not the reader's drag.
  const syncingRef = useRef(false);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const xs = d3
      .scaleLinear()
      .domain([0, durationUs])
      .range([MARGIN_LEFT, width - MARGIN_RIGHT]);
    const brush = d3
      .brushX()
      .extent([
        [MARGIN_LEFT, 2],
        [width - MARGIN_RIGHT, HEIGHT - 14],
      ])
      .on('brush end', (ev: d3.D3BrushEvent<unknown>) => {
        if (!ev.sourceEvent || !ev.selection || syncingRef.current) return;
        const [a, b] = ev.selection as [number, number];
        if (b - a < 2) return;
        setViewWindow(xs.invert(a), xs.invert(b), durationUs);
      });
    brushRef.current = brush;
    const g = d3.select(svg).select<SVGGElement>('g.brush');
    g.call(brush);
    d3.select(svg)
      .select<SVGGElement>('g.axis')
      .attr('transform', `translate(0, ${HEIGHT - 14})`)
      .call(
        d3
          .axisBottom(xs)
          .ticks(Math.max(2, Math.floor(width / 120)))
          .tickSize(3)
          .tickFormat((t) => `${Number(t) / 1e6} s`),
      );
    return () => {
      g.on('.brush', null);
    };
  }, [durationUs, width]);

  useEffect(() => {
    const svg = svgRef.current;
    const brush = brushRef.current;
    if (!svg || !brush) return;
    const xs = d3
      .scaleLinear()
      .domain([0, durationUs])
      .range([MARGIN_LEFT, width - MARGIN_RIGHT]);
    const g = d3.select(svg).select<SVGGElement>('g.brush');
    const node = g.node();
    const sel = node ? d3.brushSelection(node) : null;
    if (sel && sameWindow(xs.invert(sel[0] as number), xs.invert(sel[1] as number), start, end))
      return;
    syncingRef.current = true;
    try {
      g.call(brush.move, [xs(start), xs(end)]);
    } finally {
      syncingRef.current = false;
    }
  }, [start, end, durationUs, width]);

  return (
    <div ref={wrapRef} className="overview">
      <svg
        ref={svgRef}
        width={width}
        height={HEIGHT + 12}
        aria-label="Overview of the whole run: drag to choose the time window"
        role="img"
      >
        <rect
          x={MARGIN_LEFT}
          y={2}
          width={Math.max(0, x(progress * durationUs) - MARGIN_LEFT)}
          height={HEIGHT - 16}
          className="computed"
        />
        <text x={8} y={HEIGHT - 18} className="overview-label">
          Whole run
        </text>
        <line x1={x(playhead)} x2={x(playhead)} y1={0} y2={HEIGHT - 12} className="playhead" />
        <g className="brush" />
        <g className="axis" />
      </svg>
    </div>
  );
}
