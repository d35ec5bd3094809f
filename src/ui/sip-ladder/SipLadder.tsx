import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';
import { OKABE_ITO } from '../theme';
import { useWidth } from '../timeline/use-width';
import { pickExchange, setTroubledOnly, useSipPick } from './pick';
import { LADDER_COLUMNS, LADDER_TOP, ladderLayout, type LadderArrow } from './ladder-layout';
import type { SipExchange } from './sip-messages';

/** Most exchanges the picker lists (troubled ones first); a run can hold tens of thousands. */
const MAX_OPTIONS = 400;

const s = (us: number): string => (us / 1e6).toFixed(3);

function exchangeName(x: SipExchange): string {
  const what = x.call ? `Call ${x.n}` : `REGISTER ${x.n}`;
  return `${what} — at ${s(x.firstUs)} s${x.troubled ? ' (resent or lost copies)' : ''}`;
}

/** Client → server blue, server → client orange (Okabe–Ito); a lost copy vermillion. */
const arrowColour = (a: LadderArrow): string =>
  a.lost ? OKABE_ITO.vermillion : a.fromServer ? OKABE_ITO.orange : OKABE_ITO.blue;

/**
 * The SIP ladder (message sequence chart) of one call or registration of the RFC 3261 stack:
 * client, primary and backup columns; an arrow per message copy, dashed when it was sent again,
 * stopped with a cross when it was lost; the failover (crash to gratuitous ARP) as a band.
 */
export function SipLadderPanel() {
  const [wrapRef, width] = useWidth<HTMLElement>();
  const { views, version, summary, playhead, runId } = useLab(
    useShallow((st) => ({
      views: st.views,
      version: st.viewsVersion,
      summary: st.summary,
      playhead: st.playheadUs,
      runId: st.runId,
    })),
  );
  const msgs = views.sipMessages;
  const troubledOnly = useSipPick((p) => p.troubledOnly);
  // Shared with the timeline's call marks (pick.ts): a click there shows that call here.
  const picked = useSipPick((p) => (p.runId === runId ? p.picked : null));
  const setPicked = (id: number) => pickExchange(id, runId);
  const options = useMemo(() => {
    void version;
    const all = msgs.exchanges;
    const list = troubledOnly ? all.filter((x) => x.troubled) : all;
    // Calls first (the classic figure), then registrations, each by time.
    const calls = list.filter((x) => x.call);
    const regs = list.filter((x) => !x.call);
    return [...calls, ...regs].slice(0, MAX_OPTIONS);
  }, [msgs, version, troubledOnly]);
  // A call picked on the timeline may be past the list's length; one the filter hides gives way
  // to the list's first (the filter is cleared when a mark is clicked: pick.ts).
  const current =
    options.find((x) => x.id === picked) ??
    msgs.exchanges.find((x) => x.id === picked && (!troubledOnly || x.troubled)) ??
    options[0];
  if (msgs.exchanges.length === 0) return null;
  const fo = summary?.failover;
  const failover =
    fo && fo.arpS !== null ? { crashUs: fo.crashS * 1e6, arpUs: fo.arpS * 1e6 } : null;
  const copies = current ? msgs.copiesOf(current.id) : [];
  const layout = ladderLayout(copies, width, failover);
  const step = (d: number) => {
    if (!current) return;
    const i = options.indexOf(current) + d;
    const next = options[Math.max(0, Math.min(options.length - 1, i))];
    if (next) setPicked(next.id);
  };
  /** The listed exchange that started last at or before the playhead (move it on the timeline). */
  const atPlayhead = () => {
    let best: SipExchange | undefined;
    for (const x of options)
      if (x.firstUs <= playhead && (!best || x.firstUs > best.firstUs)) best = x;
    if (best) setPicked(best.id);
  };
  return (
    <section
      ref={wrapRef}
      className="chart sip-ladder"
      data-testid="sip-ladder"
      aria-label="SIP ladder"
    >
      <h2>SIP ladder</h2>
      <div className="sip-ladder-controls">
        <label>
          Call or registration{' '}
          <select
            data-testid="sip-ladder-select"
            value={current?.id ?? ''}
            onChange={(e) => setPicked(Number(e.target.value))}
          >
            {(current && !options.includes(current) ? [current, ...options] : options).map((x) => (
              <option key={x.id} value={x.id}>
                {exchangeName(x)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={() => step(-1)} aria-label="Previous call or registration">
          ◀
        </button>
        <button type="button" onClick={() => step(1)} aria-label="Next call or registration">
          ▶
        </button>{' '}
        <button type="button" onClick={atPlayhead} data-testid="sip-ladder-at-playhead">
          At the playhead
        </button>{' '}
        <label>
          <input
            type="checkbox"
            checked={troubledOnly}
            onChange={(e) => setTroubledOnly(e.target.checked)}
          />{' '}
          only those with resent or lost copies
        </label>
      </div>
      <svg
        width={width}
        height={layout.height}
        role="img"
        aria-label={`Ladder of ${current ? exchangeName(current) : 'nothing'}: ${layout.arrows.map((a) => a.label).join(', ')}`}
        data-testid="sip-ladder-svg"
      >
        <defs>
          {(['blue', 'orange', 'vermillion'] as const).map((c) => (
            <marker
              key={c}
              id={`sip-arrow-${c}`}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={OKABE_ITO[c]} />
            </marker>
          ))}
        </defs>
        {layout.band && (
          <g data-testid="sip-ladder-failover">
            <rect
              x={0}
              width={width}
              y={layout.band.y0}
              height={layout.band.y1 - layout.band.y0}
              fill={OKABE_ITO.grey}
              fillOpacity={0.25}
            />
            <text x={6} y={layout.band.y0 + 20} fontSize={14} fontWeight="bold" fill="currentColor">
              Failover: primary crashes at {fo?.crashS} s, backup’s ARP at {fo?.arpS} s
            </text>
          </g>
        )}
        {LADDER_COLUMNS.map((name, i) => (
          <g key={name}>
            <text
              x={layout.columnX[i]}
              y={LADDER_TOP - 24}
              textAnchor="middle"
              fontSize={15}
              fontWeight="bold"
              fill="currentColor"
            >
              {name}
            </text>
            <line
              x1={layout.columnX[i]}
              x2={layout.columnX[i]}
              y1={LADDER_TOP - 14}
              y2={layout.height}
              stroke="currentColor"
              strokeWidth={2}
            />
          </g>
        ))}
        {layout.arrows.map((a, i) => (
          <Arrow key={i} a={a} />
        ))}
      </svg>
    </section>
  );
}

function Arrow({ a }: { a: LadderArrow }) {
  const colour = arrowColour(a);
  const name = a.lost ? 'vermillion' : a.fromServer ? 'orange' : 'blue';
  const mid = (a.x0 + a.x1) / 2;
  const what = `${a.label}${a.retransmission ? (a.tcp ? ', TCP resend' : ', retransmission') : ''}${a.lost ? ', lost' : ''}`;
  return (
    <g data-testid="sip-arrow" data-label={a.label} tabIndex={0}>
      <title>{`${what}: sent ${s(a.sentUs)} s, ${a.lost ? 'dropped' : 'arrived'} ${s(a.atUs)} s`}</title>
      <line
        x1={a.x0}
        y1={a.y0}
        x2={a.x1}
        y2={a.y1}
        stroke={colour}
        strokeWidth={2.5}
        strokeDasharray={a.retransmission ? '7 5' : undefined}
        markerEnd={a.lost ? undefined : `url(#sip-arrow-${name})`}
      />
      {a.lost && (
        <path
          d={`M${a.x1 - 6},${a.y1 - 6} l12,12 M${a.x1 + 6},${a.y1 - 6} l-12,12`}
          stroke={colour}
          strokeWidth={3}
        />
      )}
      <text x={mid} y={(a.y0 + a.y1) / 2 - 5} textAnchor="middle" fontSize={14} fill="currentColor">
        {what}
      </text>
      <text x={4} y={a.y0 + 4} fontSize={12} fill="currentColor">
        {s(a.sentUs)} s
      </text>
    </g>
  );
}
