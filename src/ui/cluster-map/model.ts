import { bisector } from 'd3';
import { HbEvent } from '../../sim/engine/trace';
import type { EpochView } from '../views/run-views';
import { topologyOf, type Topology, type TopologyInput, type TopologyVm } from './topology';

/** A half-open span of simulated time [from, to), µs; `to` is Infinity for "to the end of the run and on". */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface HostModel {
  readonly id: string;
  readonly label: string;
  /** When it was down, sorted (it is up the rest of the time). */
  readonly down: readonly Span[];
}

/** active: runs (or ran, if its host is down); replica: a Remus copy kept paused; standby: a paused copy without state. */
export type PlacementRole = 'active' | 'replica' | 'standby';

export interface Placement extends Span {
  readonly host: string;
  readonly role: PlacementRole;
}

export interface VmModel {
  readonly id: string;
  readonly label: string;
  readonly services: readonly string[];
  /** Where the VM is over time, sorted by `from`; two at once while a replica or a second copy exists. */
  readonly placements: readonly Placement[];
}

export interface ArrowModel extends Span {
  readonly kind: 'replication' | 'migration';
  readonly vm: string;
  readonly fromHost: string;
  readonly toHost: string;
}

export type ClusterEventKind = 'crash' | 'declared-dead' | 'fence' | 'takeover' | 'arp';

export interface ClusterEvent {
  readonly t: number;
  readonly kind: ClusterEventKind;
  readonly host: string;
  readonly text: string;
}

export interface ClusterModel {
  readonly endUs: number;
  readonly hosts: readonly HostModel[];
  readonly vms: readonly VmModel[];
  readonly arrows: readonly ArrowModel[];
  /** Sorted by time. */
  readonly events: readonly ClusterEvent[];
  /** Checkpoint pauses of the replicated VMs (suspend → resume), sorted. */
  readonly pauses: readonly Span[];
}

/** What the run has recorded so far (RunViews has these fields). */
export interface RunFacts {
  readonly hb: readonly { t: number; node: number; ev: number; flag: number }[];
  readonly epochs: readonly EpochView[];
}

/** What a heartbeat-lane record means for the map: an event kind, or nothing. */
const EVENT_OF: Partial<Record<number, ClusterEventKind>> = {
  [HbEvent.Crash]: 'crash',
  [HbEvent.DeclaredDead]: 'declared-dead',
  [HbEvent.Takeover]: 'takeover',
  [HbEvent.GratuitousArp]: 'arp',
};

const EVENT_TEXT: Record<ClusterEventKind, (host: string) => string> = {
  crash: (h) => `${h} host crashes`,
  'declared-dead': (h) => `${h} host declares its peer dead`,
  fence: (h) => `${h} host fences its peer`,
  takeover: (h) => `${h} host takes over`,
  arp: (h) => `${h} host sends gratuitous ARP`,
};

/** The cluster map's picture of a run: built from the topology and the run's records, in time order. */
export function buildClusterModel(
  topology: Topology,
  facts: RunFacts,
  endUs: number,
): ClusterModel {
  const hostOfNode = new Map(topology.hosts.map((h) => [h.node, h]));
  const events: ClusterEvent[] = [];
  for (const r of facts.hb) {
    const kind = EVENT_OF[r.ev];
    const host = hostOfNode.get(r.node);
    if (!kind || !host) continue;
    events.push({ t: r.t, kind, host: host.id, text: EVENT_TEXT[kind](host.label) });
  }
  events.sort((a, b) => a.t - b.t);

  const hosts: HostModel[] = topology.hosts.map((h) => {
    const crash = events.find((e) => e.kind === 'crash' && e.host === h.id);
    return { id: h.id, label: h.label, down: crash ? [{ from: crash.t, to: Infinity }] : [] };
  });
  const downAt = (host: string, t: number): boolean =>
    hosts.some((h) => h.id === host && h.down.some((d) => d.from <= t && t < d.to));

  const vms = topology.vms.map((v) => vmModel(v, events, downAt));
  const arrows: ArrowModel[] = [];
  {
    for (const v of topology.vms) {
      if (v.protection !== 'remus' || !v.backupHost) continue;
      // From the first checkpoint until the primary dies or the backup takes over.
      const first = facts.epochs[0]?.suspend ?? 0;
      const stop = events.find(
        (e) =>
          (e.kind === 'crash' && e.host === v.host) ||
          (e.kind === 'takeover' && e.host === v.backupHost),
      );
      arrows.push({
        kind: 'replication',
        vm: v.id,
        fromHost: v.host,
        toHost: v.backupHost,
        from: first,
        to: stop?.t ?? Infinity,
      });
    }
  }
  const pauses = facts.epochs.map((e) => ({ from: e.suspend, to: e.resume }));
  return { endUs, hosts, vms, arrows, events, pauses };
}

/**
 * Where one VM is over time: on its home host from the start; a copy on its backup host (a
 * replica under Remus, else a paused standby) until the backup takes over, then active there. The
 * home copy ends at the takeover if its host is down by then (its memory is gone); if the home
 * host still runs (a false failover), both copies stay: two active copies, as in the world.
 */
function vmModel(
  v: TopologyVm,
  events: readonly ClusterEvent[],
  downAt: (host: string, t: number) => boolean,
): VmModel {
  const placements: Placement[] = [];
  const takeover = v.backupHost
    ? events.find((e) => e.kind === 'takeover' && e.host === v.backupHost)
    : undefined;
  const homeEnd = takeover && downAt(v.host, takeover.t) ? takeover.t : Infinity;
  placements.push({ host: v.host, role: 'active', from: 0, to: homeEnd });
  if (v.backupHost) {
    const waiting: PlacementRole = v.protection === 'remus' ? 'replica' : 'standby';
    const t = takeover?.t ?? Infinity;
    placements.push({ host: v.backupHost, role: waiting, from: 0, to: t });
    if (takeover) placements.push({ host: v.backupHost, role: 'active', from: t, to: Infinity });
  }
  placements.sort((a, b) => a.from - b.from);
  return { id: v.id, label: v.label, services: v.services, placements };
}

/** The model of a scenario and its run's records. */
export function clusterModel(
  s: TopologyInput & { durationS: number },
  facts: RunFacts,
): ClusterModel {
  return buildClusterModel(topologyOf(s), facts, s.durationS * 1e6);
}

export type VmState = 'running' | 'paused' | 'down' | 'replica';

export interface VmAt {
  readonly id: string;
  readonly label: string;
  readonly services: readonly string[];
  readonly host: string;
  readonly role: PlacementRole;
  readonly state: VmState;
}

export interface ClusterState {
  readonly t: number;
  readonly hosts: readonly { id: string; label: string; up: boolean }[];
  /** One entry per copy of a VM present at t. */
  readonly vms: readonly VmAt[];
  readonly arrows: readonly ArrowModel[];
  /** Events up to t, latest last. */
  readonly events: readonly ClusterEvent[];
}

const byFrom = bisector((s: Span) => s.from).right;
const byT = bisector((e: ClusterEvent) => e.t).right;

/** Whether t falls in one of the sorted, non-overlapping spans. */
export function inSpans(spans: readonly Span[], t: number): boolean {
  const i = byFrom(spans, t) - 1;
  const s = spans[i];
  return s !== undefined && t < s.to;
}

/** The picture at time t (µs): which hosts are up, where each VM is and in what state. */
export function clusterStateAt(m: ClusterModel, t: number): ClusterState {
  const hosts = m.hosts.map((h) => ({ id: h.id, label: h.label, up: !inSpans(h.down, t) }));
  const up = new Map(hosts.map((h) => [h.id, h.up]));
  const paused = inSpans(m.pauses, t);
  const vms: VmAt[] = [];
  for (const v of m.vms) {
    // Placements are sorted by start: only those begun by t can hold it.
    const begun = v.placements.slice(0, byFrom(v.placements, t));
    for (const p of begun) {
      if (t >= p.to) continue;
      const state: VmState = !up.get(p.host)
        ? 'down'
        : p.role === 'replica'
          ? 'replica'
          : p.role === 'standby' || (paused && replicated(m, v.id, t))
            ? 'paused'
            : 'running';
      vms.push({
        id: v.id,
        label: v.label,
        services: v.services,
        host: p.host,
        role: p.role,
        state,
      });
    }
  }
  const arrows = m.arrows.filter((a) => a.from <= t && t < a.to);
  const events = m.events.slice(0, byT(m.events, t));
  return { t, hosts, vms, arrows, events };
}

/** Whether VM `id` is being checkpointed at t (its active copy pauses with each epoch). */
function replicated(m: ClusterModel, id: string, t: number): boolean {
  return m.arrows.some((a) => a.kind === 'replication' && a.vm === id && a.from <= t && t < a.to);
}
