import * as d3 from 'd3';
import { useView } from '../store/view-flags';
import { readoutAt } from './readout';
import { useBaseline } from '../baseline/baseline-store';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';
import { drawLanes } from './draw-lanes';
import {
  AXIS_HEIGHT,
  MARGIN_LEFT,
  MARGIN_RIGHT,
  lanesHeight,
  laneChoice,
  layoutLanes,
} from './layout';
import { TimelineHandles } from './TimelineHandles';
import { CallMarks } from './CallMarks';
import { HostHeaders } from './HostHeaders';
import { useHostFold } from './host-fold';
import { useWidth } from './use-width';
import { timeTickFormat } from './time-ticks';
import { sameWindow, setViewWindow } from './view-window';

/**
 * The synchronised timelines: CPU slices per core, checkpoint epochs, output buffer and the
 * heartbeat/failover lane on one zoomable, pannable axis (d3-zoom). Lanes draw on canvas;
 * the axis, the playhead and the drag handles are SVG.
 */
export function Timeline() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const { views, version, start, end, playhead, durationS, cores, dom0OwnCore, show } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      start: s.viewStartUs,
      end: s.viewEndUs,
      playhead: s.playheadUs,
      durationS: s.scenario.durationS,
      cores: s.scenario.host.cores,
      dom0OwnCore: s.scenario.host.dom0OwnCore,
      show: laneChoice(s.scenario),
    })),
  );
  // Cheap, and the views mutate in place (the version bump re-renders), so no memo.
  const compact = useView((v) => v.projector);
  const folded = useHostFold((f) => f.folded);
  const lanes = layoutLanes(views, cores, dom0OwnCore, show, compact, folded);
  // A/B: the pinned baseline's lanes under the current run's, on the same time axis.
  const base = useBaseline(
    useShallow((b) => ({ on: b.showLanes, views: b.views, scenario: b.scenario, v: b.version })),
  );
  const baseLanes =
    base.on && base.views && base.scenario
      ? layoutLanes(
          base.views,
          base.scenario.host.cores,
          base.scenario.host.dom0OwnCore,
          laneChoice(base.scenario),
          compact,
          folded,
        ).map((l) => ({ ...l, label: `A · ${l.label}`, y: l.y + lanesHeight(lanes) + 10 }))
      : [];
  const height = lanesHeight(baseLanes.length ? baseLanes : lanes) + AXIS_HEIGHT;
  const x = useMemo(
    () =>
      d3
        .scaleLinear()
        .domain([start, end])
        .range([MARGIN_LEFT, width - MARGIN_RIGHT]),
    [start, end, width],
  );
  const durationUs = durationS * 1e6;

  // Canvas: lanes.
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    drawLanes({ ctx, x, views, until: playhead, width: width - MARGIN_RIGHT }, lanes);
    if (base.views && baseLanes.length)
      drawLanes(
        { ctx, x, views: base.views, until: playhead, width: width - MARGIN_RIGHT },
        baseLanes,
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- baseLanes follow base (a new object per render)
  }, [x, views, version, lanes, playhead, width, height, base]);

  // Axis.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const count = Math.max(2, Math.floor(width / 110));
    const label = timeTickFormat(start, end, count);
    const axis = d3
      .axisBottom(x)
      .ticks(count)
      .tickFormat((t) => label(Number(t)));
    d3.select(svg).select<SVGGElement>('g.axis').call(axis);
  }, [x, width, start, end]);

  // Zoom and pan (wheel, drag, pinch) with d3-zoom, kept in sync with the shared view window.
  const zoomRef = useRef<d3.ZoomBehavior<SVGRectElement, unknown> | null>(null);
  // True while the sync effect below moves the zoom: its echo is not a user's gesture.
  const syncingRef = useRef(false);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const area = d3.select(svg).select<SVGRectElement>('rect.zoom-area');
    const base = d3
      .scaleLinear()
      .domain([0, durationUs])
      .range([MARGIN_LEFT, width - MARGIN_RIGHT]);
    const zoom = d3
      .zoom<SVGRectElement, unknown>()
      .scaleExtent([1, Math.max(1, durationUs / 2000)])
      .translateExtent([
        [MARGIN_LEFT, 0],
        [width - MARGIN_RIGHT, height],
      ])
      .extent([
        [MARGIN_LEFT, 0],
        [width - MARGIN_RIGHT, height],
      ])
      .on('zoom', (ev: d3.D3ZoomEvent<SVGRectElement, unknown>) => {
        if (!ev.sourceEvent || syncingRef.current) return;
        const [a, b] = ev.transform.rescaleX(base).domain() as [number, number];
        setViewWindow(a, b, durationUs);
      });
    zoomRef.current = zoom;
    area.call(zoom).on('dblclick.zoom', null);
    return () => {
      area.on('.zoom', null);
    };
  }, [durationUs, width, height]);

  // Programmatic view changes (brush, keys, new run) move the zoom transform without an event loop.
  useEffect(() => {
    const svg = svgRef.current;
    const zoom = zoomRef.current;
    if (!svg || !zoom || end <= start) return;
    const base = d3
      .scaleLinear()
      .domain([0, durationUs])
      .range([MARGIN_LEFT, width - MARGIN_RIGHT]);
    const area = d3.select(svg).select<SVGRectElement>('rect.zoom-area');
    const node = area.node();
    if (!node) return;
    const [a, b] = d3.zoomTransform(node).rescaleX(base).domain() as [number, number];
    if (sameWindow(a, b, start, end)) return;
    const k = durationUs / (end - start);
    const t = d3.zoomIdentity.translate(MARGIN_LEFT - k * base(start), 0).scale(k);
    syncingRef.current = true;
    try {
      area.call(zoom.transform, t);
    } finally {
      syncingRef.current = false;
    }
  }, [start, end, durationUs, width]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const span = end - start;
    const clampView = (a: number, b: number) => {
      const w = Math.min(durationUs, Math.max(2000, b - a));
      const s0 = Math.max(0, Math.min(durationUs - w, a));
      setViewWindow(s0, s0 + w, durationUs);
    };
    if (e.key === '+' || e.key === '=') clampView(start + span * 0.25, end - span * 0.25);
    else if (e.key === '-') clampView(start - span / 2, end + span / 2);
    else if (e.key === 'ArrowLeft') clampView(start - span * 0.2, end - span * 0.2);
    else if (e.key === 'ArrowRight') clampView(start + span * 0.2, end + span * 0.2);
    else if (e.key === '0') setViewWindow(0, durationUs, durationUs);
    else return;
    e.preventDefault();
  };

  // Hover readout: what the lane under the pointer shows at that time.
  const [hover, setReadout] = useState<{
    x: number;
    y: number;
    text: string;
    run: number;
  } | null>(null);
  // A new run (another preset or an edit) makes the text stale: it described the old run's lanes.
  const runId = useLab((s) => s.runId);
  const readout = hover?.run === runId ? hover : null;
  const onHover = (e: React.PointerEvent) => {
    const svg = svgRef.current;
    if (!svg || e.buttons) return setReadout(null);
    const r = svg.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const own = lanes.find((l) => py >= l.y && py < l.y + l.height);
    const other = own ? undefined : baseLanes.find((l) => py >= l.y && py < l.y + l.height);
    const lane = own ?? other;
    const v = own ? views : base.views;
    if (!lane || !v) return setReadout(null);
    const t = x.invert(px);
    const tol = Math.abs(x.invert(px + 4) - t);
    setReadout({ x: px, y: lane.y + lane.height, text: readoutAt(v, lane, t, tol), run: runId });
  };

  const scrub = (clientX: number) => {
    const svg = svgRef.current;
    if (!svg) return;
    const px = clientX - svg.getBoundingClientRect().left;
    useLab
      .getState()
      .setPlayhead(x.invert(Math.max(MARGIN_LEFT, Math.min(width - MARGIN_RIGHT, px))));
  };

  return (
    <section className="timeline" aria-label="Timelines">
      <div ref={wrapRef} className="timeline-wrap" style={{ height }}>
        <canvas ref={canvasRef} style={{ width, height }} aria-hidden="true" />
        <svg
          ref={svgRef}
          id="timeline"
          width={width}
          height={height}
          className="timeline-overlay"
          tabIndex={0}
          role="group"
          aria-label="Timeline. Scroll or drag to zoom and pan; keys: plus and minus zoom, arrows pan, 0 shows everything."
          onKeyDown={onKeyDown}
          data-testid="timeline"
          data-lanes={lanes
            .filter((l) => l.kind !== 'host')
            .map((l) => l.kind)
            .join(' ')}
        >
          <rect
            className="zoom-area"
            x={MARGIN_LEFT}
            y={0}
            width={Math.max(0, width - MARGIN_LEFT - MARGIN_RIGHT)}
            height={height - AXIS_HEIGHT}
            fill="transparent"
            onPointerMove={onHover}
            onPointerLeave={() => setReadout(null)}
          />
          {readout && (
            <line
              className="crosshair"
              x1={readout.x}
              x2={readout.x}
              y1={0}
              y2={height - AXIS_HEIGHT}
              pointerEvents="none"
            />
          )}
          {/* Placed by React, not by the axis effect: after a preset switch React sometimes
              committed the new lane height without re-running that effect (two renders, one
              commit), and the axis stayed inside the heartbeat lane. */}
          <g className="axis" transform={`translate(0, ${height - AXIS_HEIGHT})`} />
          <rect
            className="scrub-area"
            x={MARGIN_LEFT}
            y={height - AXIS_HEIGHT}
            width={Math.max(0, width - MARGIN_LEFT - MARGIN_RIGHT)}
            height={AXIS_HEIGHT}
            fill="transparent"
            onPointerDown={(e) => {
              (e.target as Element).setPointerCapture(e.pointerId);
              scrub(e.clientX);
            }}
            onPointerMove={(e) => {
              if (e.buttons & 1) scrub(e.clientX);
            }}
          >
            <title>Click or drag along the time axis to move the playhead</title>
          </rect>
          {playhead >= start && playhead <= end && (
            <line
              className="playhead"
              x1={x(playhead)}
              x2={x(playhead)}
              y1={0}
              y2={height - AXIS_HEIGHT + 6}
            />
          )}
          <HostHeaders lanes={lanes} width={width - MARGIN_RIGHT} />
          <HostHeaders lanes={baseLanes} width={width - MARGIN_RIGHT} idPrefix="base-" />
          <CallMarks x={x} lanes={lanes} />
          <TimelineHandles x={x} lanes={lanes} height={height - AXIS_HEIGHT} />
        </svg>
        {readout && (
          <div
            className="readout"
            data-testid="timeline-readout"
            style={{ left: Math.min(readout.x + 8, Math.max(0, width - 360)), top: readout.y + 2 }}
          >
            {readout.text}
          </div>
        )}
      </div>
    </section>
  );
}
