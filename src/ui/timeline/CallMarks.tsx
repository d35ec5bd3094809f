import type * as d3 from 'd3';
import { useShallow } from 'zustand/react/shallow';
import { pickExchange, useSipPick } from '../sip-ladder/pick';
import { useLab } from '../store/store';
import type { Lane } from './layout';

/** Most marks drawn at once; beyond that every k-th call of the window (zoom in for all). */
const MAX_MARKS = 600;

/**
 * One mark per INVITE call of the RFC 3261 stack on the timeline's "SIP calls" lane, at the
 * time its first message was sent, up to the playhead (as the lanes are drawn); a call with
 * resent or lost copies is marked taller. Clicking a mark shows that call's SIP ladder (and
 * scrolls to it); the ladder's own list picks any call by keyboard.
 */
export function CallMarks({
  x,
  lanes,
}: {
  x: d3.ScaleLinear<number, number>;
  lanes: readonly Lane[];
}) {
  const lane = lanes.find((l) => l.kind === 'calls');
  const { views, version, runId, playhead, start, end } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      runId: s.runId,
      playhead: s.playheadUs,
      start: s.viewStartUs,
      end: s.viewEndUs,
    })),
  );
  const picked = useSipPick((p) => (p.runId === runId ? p.picked : null));
  if (!lane) return null;
  void version;
  const until = Math.min(end, playhead);
  const calls = views.sipMessages.exchanges.filter(
    (c) => c.call && c.firstUs >= start && c.firstUs <= until,
  );
  const step = Math.max(1, Math.ceil(calls.length / MAX_MARKS));
  // The picked call last, so that it is drawn over its neighbours.
  const shown = calls
    .filter((c, i) => i % step === 0 && c.id !== picked)
    .concat(calls.filter((c) => c.id === picked));
  // Marks narrower when the calls are dense (zoom in to separate them), 1–4 px.
  const [x0, x1] = x.range() as [number, number];
  const w = Math.max(1, Math.min(4, (x1 - x0) / Math.max(1, shown.length) - 1));
  const show = (id: number, troubled: boolean) => {
    pickExchange(id, runId, { troubled });
    document.querySelector('[data-testid="sip-ladder"]')?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <g className="call-marks" data-testid="call-marks" data-count={calls.length}>
      {shown.map((c) => {
        const tall = c.troubled || c.id === picked;
        const h = tall ? lane.height - 6 : (lane.height - 6) / 2;
        return (
          <rect
            key={c.id}
            className={`call-mark${c.troubled ? ' troubled' : ''}${c.id === picked ? ' picked' : ''}`}
            data-testid={`call-mark-${c.n}`}
            x={x(c.firstUs) - w / 2}
            y={lane.y + lane.height - 3 - h}
            width={w}
            height={h}
            role="button"
            aria-label={`Call ${c.n} at ${(c.firstUs / 1e6).toFixed(3)} s: show its SIP ladder`}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => show(c.id, c.troubled)}
          >
            <title>{`Call ${c.n} at ${(c.firstUs / 1e6).toFixed(3)} s${c.troubled ? ' (resent or lost copies)' : ''}: click for its SIP ladder`}</title>
          </rect>
        );
      })}
    </g>
  );
}
