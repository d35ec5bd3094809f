import { HbEvent, TraceFlag } from '../../sim/engine/trace';
import { vmName } from '../theme';
import type { RunViews } from '../views/run-views';
import { migrationBands } from './draw-migration';
import { STOP_WHY } from './draw-lanes';
import { lowerBound, type Lane } from './layout';

const ms = (us: number): string => `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
const s = (us: number): string => `${(us / 1e6).toFixed(3)} s`;

const HB_NAMES: Record<number, string> = {
  [HbEvent.BeatSent]: 'heartbeat sent',
  [HbEvent.BeatReceived]: 'heartbeat heard',
  [HbEvent.Warn]: 'heartbeat late (warntime)',
  [HbEvent.DeclaredDead]: 'declared dead',
  [HbEvent.Takeover]: 'takeover',
  [HbEvent.GratuitousArp]: 'gratuitous ARP',
  [HbEvent.Crash]: 'crash',
  [HbEvent.CheckpointReceived]: 'checkpoint heard',
  [HbEvent.BeatMissed]: 'heartbeat missed',
  [HbEvent.Fenced]: 'fence confirmed: peer powered off',
  [HbEvent.Membership]: 'cluster membership changed',
  [HbEvent.FenceRequest]: 'fence requested (STONITH)',
  [HbEvent.ResourceStopped]: 'resource stopped',
};

/**
 * What the timeline shows at time `t` (µs) in `lane`, in words, for the hover readout: the slice
 * and its owner on a core, the epoch and its pause and acknowledgement, the packets held, or the
 * heartbeat event within `tolUs`.
 */
export function readoutAt(views: RunViews, lane: Lane, t: number, tolUs: number): string {
  if (lane.kind === 'host') return `${lane.label}: ${lane.sublabel}`;
  if (lane.kind === 'cpu') {
    const l = views.slices.get(lane.key);
    if (!l) return `${lane.label}: nothing yet`;
    const i = lowerBound(l.start, t + 1) - 1;
    if (i < 0 || (l.end[i] as number) <= t) return `${lane.label} at ${s(t)}: idle`;
    const f = l.flags[i] as number;
    const how = [f & TraceFlag.Boost ? 'BOOST' : '', f & TraceFlag.Micro ? 'micro-slice' : '']
      .filter(Boolean)
      .join(', ');
    const a = l.start[i] as number;
    const b = l.end[i] as number;
    return `${lane.label}: ${vmName(l.vm[i] as number)} runs ${s(a)} → ${s(b)} (${ms(b - a)}${how ? `, ${how}` : ''})`;
  }
  if (lane.kind === 'epochs') {
    const ep = views.epochs;
    let k = -1;
    for (let i = 0; i < ep.length && (ep[i]?.suspend ?? Infinity) <= t; i++) k = i;
    const e = ep[k];
    if (!e) return `${s(t)}: before the first checkpoint`;
    return `epoch ${k}: suspended at ${s(e.suspend)}, paused ${ms(e.resume - e.suspend)}, sent by ${ms(e.sent - e.suspend)}, acknowledged ${ms(e.ack - e.suspend)} after the suspend`;
  }
  if (lane.kind === 'migration') {
    // Bands are a few px wide at least: the nearest one within the tolerance counts.
    const hit = (b: { start: number; end: number }) => t >= b.start - tolUs && t <= b.end + tolUs;
    const bands = migrationBands(views);
    const near = bands.find((b) => b.kind === 'downtime' && hit(b)) ?? bands.find(hit);
    if (!near) return `${s(t)}: no migration step here`;
    return near.kind === 'downtime'
      ? `migration downtime: paused at ${s(near.start)}, running on the target at ${s(near.end)} (${ms(near.end - near.start)}; ${near.pages} pages copied paused${near.plug ? `; ${ms(near.plug.end - near.plug.start)} of it the target plugging the vif` : ''})`
      : `pre-copy round ${near.index}: ${near.pages} pages, ${s(near.start)} → ${s(near.end)} (${ms(near.end - near.start)}), VM running`;
  }
  if (lane.kind === 'buffer') {
    const b = views.buffer;
    const i = lowerBound(b.t, t + 1) - 1;
    return `output buffer at ${s(t)}: ${i < 0 ? 0 : (b.packets[i] as number)} packets held`;
  }
  if (lane.kind === 'calls') {
    const calls = views.sipMessages.exchanges.filter((x) => x.call);
    const near = calls.find((x) => Math.abs(x.firstUs - t) <= tolUs);
    return near
      ? `call ${near.n}: INVITE at ${s(near.firstUs)}${near.troubled ? ', resent or lost copies' : ''} (click: its ladder)`
      : `${s(t)}: no call starts here`;
  }
  let best: (typeof views.hb)[number] | undefined;
  for (const h of views.hb)
    if (Math.abs(h.t - t) <= tolUs && (!best || Math.abs(h.t - t) < Math.abs(best.t - t))) best = h;
  if (!best) return `${s(t)}: no heartbeat event here`;
  return `${HB_NAMES[best.ev] ?? 'event'}${hbDetail(views, best)} at ${s(best.t)}`;
}

/** What a heartbeat mark adds to its name: a miss says for how long nothing was heard. */
function hbDetail(views: RunViews, h: RunViews['hb'][number]): string {
  switch (h.ev) {
    case HbEvent.ResourceStopped:
      return `: ${STOP_WHY[h.why] ?? 'by the manager'}`;
    case HbEvent.Membership:
      // flag: the members the node now sees; why: 1 when they are quorate.
      return `: h${h.node} sees ${h.flag} ${h.flag === 1 ? 'node' : 'nodes'}${h.why === 1 ? '' : ', no quorum'}`;
    case HbEvent.BeatMissed: {
      // Several marks in a row read alike: each says how long the silence had lasted.
      let heard = -Infinity;
      for (const x of views.hb) {
        if (x.t > h.t) break;
        if (x.ev === HbEvent.BeatReceived) heard = x.t;
      }
      return Number.isFinite(heard) ? `: nothing heard for ${ms(h.t - heard)}` : '';
    }
    default:
      return '';
  }
}
