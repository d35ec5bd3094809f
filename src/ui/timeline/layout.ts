import { hasFailure, isReplicated, mainReplication } from '../../sim/scenario/topology';
import type { Scenario } from '../../sim/scenario/scenario';
import { hostName } from '../host-name';
import type { RunViews } from '../views/run-views';

/** Left gutter for lane labels and right margin, shared by the timeline and the charts so they align. */
export const MARGIN_LEFT = 190;
export const MARGIN_RIGHT = 20;
export const AXIS_HEIGHT = 30;

/** Pixels between the gutters of a chart or lane of this width (at least 50). */
export const plotWidth = (width: number): number =>
  Math.max(50, width - MARGIN_LEFT - MARGIN_RIGHT);

/** `host`: a host's header (collapses or expands that host's lanes; drawn by HostHeaders). */
export type LaneKind = 'host' | 'cpu' | 'epochs' | 'buffer' | 'heartbeat' | 'migration' | 'calls';

export interface Lane {
  readonly kind: LaneKind;
  readonly label: string;
  readonly sublabel: string;
  /** For CPU lanes: host · 256 + core; for a host header: the host. */
  readonly key: number;
  readonly y: number;
  readonly height: number;
}

/** Height of a host's header lane (before the projector's 0.72 ×). */
export const HOST_HEADER_HEIGHT = 22;
const NO_HOSTS: ReadonlySet<number> = new Set();

/** Which of the replication lanes a scenario can put anything in. */
export interface LaneChoice {
  /** Remus on: checkpoint epochs. */
  readonly epochs: boolean;
  /** Remus on with an output policy that holds packets (not No-Net). */
  readonly buffer: boolean;
  /** Remus on (heartbeats, checkpoint stream) or a crash injected. */
  readonly heartbeat: boolean;
  /** A live migration is planned. */
  readonly migration: boolean;
  /** The RFC 3261 stack places INVITE calls: one mark per call (click: its SIP ladder). */
  readonly calls: boolean;
}

/**
 * Lane order: CPU lanes per host and core, then checkpoints, output buffer, heartbeat/failover.
 * The replication lanes follow the scenario, not the records received so far, so they neither
 * appear empty (replication off) nor vanish and return while a run recomputes.
 */
export function layoutLanes(
  views: RunViews,
  cores: number,
  dom0OwnCore: boolean,
  show: LaneChoice,
  /** Projector mode: lanes 0.72 × as tall (labels only, no sublabels) so a 1024×768 screen holds them and a chart. */
  compact = false,
  /** Hosts whose lanes are folded under their header. */
  collapsed: ReadonlySet<number> = NO_HOSTS,
): Lane[] {
  const lanes: Lane[] = [];
  let y = 4;
  const push = (kind: LaneKind, label: string, sublabel: string, key: number, full: number) => {
    const height = compact ? Math.round(full * 0.72) : full;
    lanes.push({ kind, label, sublabel, key, y, height });
    y += height + (compact ? 4 : 6);
  };
  const keys = new Set(views.laneKeys());
  const hosts = [0, 1, 2, 3]
    .map((host) => {
      const name = hostName(host + 1);
      const cpu: { key: number; label: string; role: string }[] = [];
      // The first host always shows cores 0 and 1; the others show the cores that ran anything.
      const top = host === 0 ? cores : 256;
      for (let core = 0; core < top; core++) {
        const key = host * 256 + core;
        if (host > 0 && !keys.has(key)) continue;
        if (host === 0 && core > 1 && !keys.has(key)) continue;
        const role = core === 0 && dom0OwnCore && cores > 1 ? 'dom0' : 'guests';
        cpu.push({ key, label: `${name} · core ${core}`, role });
      }
      return { host, name, cpu };
    })
    .filter((h) => h.cpu.length > 0);
  // One host: nothing to fold away. Several: each gets a header that folds its lanes — except in
  // projector mode, whose 1024×768 screen has no room for two more rows (and is for watching).
  const headers = hosts.length > 1 && !compact;
  for (const h of hosts) {
    const folded = headers && collapsed.has(h.host);
    if (headers) {
      const n = `${h.cpu.length} CPU lane${h.cpu.length === 1 ? '' : 's'}`;
      push('host', `${h.name} host`, folded ? `${n} hidden` : n, h.host, HOST_HEADER_HEIGHT);
    }
    if (folded) continue;
    for (const c of h.cpu) push('cpu', c.label, c.role, c.key, 36);
  }
  if (show.epochs) push('epochs', 'Checkpoints', 'pause · send · ack', -1, 38);
  if (show.buffer) push('buffer', 'Output buffer', 'held · released', -2, 46);
  if (show.heartbeat) push('heartbeat', 'Heartbeat & failover', 'beats · dead · ARP', -3, 50);
  if (show.migration) push('migration', 'Live migration', 'rounds · downtime · ARP', -4, 44);
  if (show.calls) push('calls', 'SIP calls', 'click a call: its ladder', -5, 34);
  return lanes;
}

/** The replication lanes this scenario can fill (one memoised object per combination for useShallow). */
const CHOICES = new Map<string, LaneChoice>();
export function laneChoice(s: Scenario): LaneChoice {
  const r = isReplicated(s);
  const c: LaneChoice = {
    epochs: r,
    buffer: r && mainReplication(s)?.policy !== 'none',
    heartbeat: r || hasFailure(s),
    migration: s.migration.enabled,
    calls:
      s.telephony.sipStack === 'rfc3261' &&
      (s.telephony.callRate > 0 || s.telephony.callRampPerS > 0),
  };
  const key = `${c.epochs}${c.buffer}${c.heartbeat}${c.migration}${c.calls}`;
  const known = CHOICES.get(key);
  if (known) return known;
  CHOICES.set(key, c);
  return c;
}

/** Total height of the lanes. */
export const lanesHeight = (lanes: readonly Lane[]): number => {
  const last = lanes[lanes.length - 1];
  return last ? last.y + last.height + 4 : 0;
};

/** Index of the first element of sorted `arr` that is ≥ x. */
export function lowerBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
