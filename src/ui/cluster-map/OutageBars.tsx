import * as d3 from 'd3';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';
import { useView } from '../store/view-flags';
import { MARGIN_LEFT, MARGIN_RIGHT } from '../timeline/layout';
import { useWidth } from '../timeline/use-width';
import { OKABE_ITO } from '../theme';
import { serviceOutages } from './outages';

const sec = (us: number): string => `${(us / 1e6).toFixed(2)} s`;

/**
 * Per-service outage bars on the shared time window (aligned with the timeline and the charts):
 * for each service, when it answered nobody, with the outage's length written on it. Up to the
 * playhead, like the charts; an outage still running at the playhead is labelled "≥".
 */
export function OutageBars() {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const projector = useView((v) => v.projector);
  const { views, start, end, playhead, scenario, simTime } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      start: s.viewStartUs,
      end: s.viewEndUs,
      playhead: s.playheadUs,
      scenario: s.scenario,
      simTime: s.views.simTimeUs,
    })),
  );
  const now = Math.min(playhead, simTime);
  const rows = serviceOutages(scenario, views.silences, now, views.probeLosses, views.workloads);
  const row = projector ? 26 : 24;
  const height = rows.length * row + 4;
  const x = d3
    .scaleLinear()
    .domain([start, end])
    .range([MARGIN_LEFT, Math.max(MARGIN_LEFT + 50, width - MARGIN_RIGHT)])
    .clamp(true);
  const seen = rows.flatMap((r) =>
    r.outages
      .filter((o) => o.from < now)
      .map((o) => {
        const to = Math.min(o.to, now);
        const going = o.open || o.to > now;
        return { ...o, row: r, to, text: `${going ? '≥ ' : ''}${sec(to - o.from)}` };
      }),
  );
  // Drawn: those that reach into the window (the clamped scale would pile the others on its edges).
  const drawn = seen.filter((o) => o.to > start && o.from < end);
  const right = Math.max(MARGIN_LEFT + 50, width - MARGIN_RIGHT);
  // The length's label: after the bar where it fits, else before it, else inside its end.
  const charPx = projector ? 9 : 8;
  const place = (
    x0: number,
    x1: number,
    text: string,
  ): { x: number; anchor: 'start' | 'end'; inside: boolean } => {
    const w = text.length * charPx;
    if (x1 + 4 + w <= right) return { x: x1 + 4, anchor: 'start', inside: false };
    if (x0 - 4 - w >= MARGIN_LEFT) return { x: x0 - 4, anchor: 'end', inside: false };
    if (x1 - x0 >= w + 8) return { x: x1 - 4, anchor: 'end', inside: true };
    // A narrow chart with a short bar: after it, cut at the edge rather than spilling off the bar.
    return { x: x1 + 4, anchor: 'start', inside: false };
  };
  /** Per row, where its last written length ends (px). */
  const labelEnd = new Map<string, number>();
  if (rows.length === 0)
    return (
      <div ref={wrapRef} className="outage-bars" data-testid="outage-bars">
        <h3 className="outage-title">Service outages</h3>
        <p className="outage-none">
          No service to watch for outages here: no calls, registrations, probes or workloads (bulk
          senders and CPU burners answer no client).
        </p>
      </div>
    );
  return (
    <div ref={wrapRef} className="outage-bars" data-testid="outage-bars">
      <h3 className="outage-title">Service outages</h3>
      <svg width={width} height={height} aria-hidden="true">
        {rows.map((r, i) => (
          <g key={r.id} transform={`translate(0, ${i * row + 2})`}>
            <text x={MARGIN_LEFT - 8} y={row * 0.65} textAnchor="end" className="outage-label">
              {r.label}
            </text>
            <rect
              x={MARGIN_LEFT}
              y={3}
              width={Math.max(0, width - MARGIN_LEFT - MARGIN_RIGHT)}
              height={row - 6}
              className="outage-track"
            />
            {(r.note ?? !drawn.some((o) => o.row === r)) && (
              <text x={MARGIN_LEFT + 6} y={row * 0.65} className="outage-note">
                {r.note ??
                  (seen.some((o) => o.row === r)
                    ? 'its outages are outside this time window'
                    : (r.quiet ??
                      `no silence over ${sec(r.thresholdUs)} (what counts as an outage here)`))}
              </text>
            )}
          </g>
        ))}
        {drawn.map((o) => {
          const i = rows.indexOf(o.row);
          const x0 = x(o.from);
          const w = Math.max(3, x(o.to) - x0);
          const label = place(x0, x0 + w, o.text);
          // Many short outages close together: a length is written only where it does not run
          // into the row's last one written (each bar still tells its own on hover and in the list).
          const tw = o.text.length * charPx;
          const from = label.anchor === 'start' ? label.x : label.x - tw;
          const shown = from >= (labelEnd.get(o.row.id) ?? -Infinity) + 6;
          if (shown) labelEnd.set(o.row.id, from + tw);
          return (
            <g
              key={`${o.row.id}-${o.from}`}
              transform={`translate(0, ${i * row + 2})`}
              data-testid={`outage-${o.row.id}`}
            >
              <rect x={x0} y={3} width={w} height={row - 6} fill={OKABE_ITO.vermillion}>
                <title>{`${o.row.label}: out from ${sec(o.from)} for ${o.text}`}</title>
              </rect>
              {shown && (
                <text
                  x={label.x}
                  y={row * 0.65}
                  textAnchor={label.anchor}
                  className={label.inside ? 'outage-length inside' : 'outage-length'}
                >
                  {o.text}
                </text>
              )}
            </g>
          );
        })}
        {playhead >= start && playhead <= end && (
          <line className="playhead" x1={x(playhead)} x2={x(playhead)} y1={0} y2={height} />
        )}
      </svg>
      <ul className="visually-hidden" data-testid="outage-list">
        {rows.map((r) => (
          <li key={r.id}>
            {r.label}:{' '}
            {r.note ??
              (seen.filter((o) => o.row === r).length
                ? seen
                    .filter((o) => o.row === r)
                    .map((o) => `out from ${sec(o.from)} for ${o.text}`)
                    .join('; ')
                : `${r.quiet ?? `no silence over ${sec(r.thresholdUs)}`} so far`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
