import { bisector } from 'd3';
import { deployEvents, type DeployEvent, type HbRecord, type TopoRecord } from './deploy-events';
import type { EpochView } from '../views/run-views';
import { topologyOf, type Topology, type TopologyInput, type TopologyVm } from './topology';
import { migrationPicture, type MigrationRecord } from './migration-facts';

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

/** active: runs (or ran, if its host is down); replica: a Remus copy kept paused; standby: a paused copy without state; down: the VM itself is down (crashed, shut down). */
export type PlacementRole = 'active' | 'replica' | 'standby' | 'down';

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

export type ClusterEventKind = DeployEvent['kind'] | 'migration';

export interface ClusterEvent {
  readonly t: number;
  readonly kind: ClusterEventKind;
  /** The host it happened on or to ('' when none). */
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
  /** A live migration's downtime: its VM's active copy stands still. */
  readonly migrationPause?: { readonly vm: string; readonly span: Span };
}

/** What the run has recorded so far (RunViews has these fields; `topo` is absent in older traces). */
export interface RunFacts {
  readonly hb: readonly HbRecord[];
  readonly topo?: readonly TopoRecord[];
  readonly epochs: readonly EpochView[];
  /** Live-migration records (absent in older traces). */
  readonly migration?: readonly MigrationRecord[];
}

/** An event in words. */
function eventText(e: DeployEvent, name: (host: string) => string): string {
  switch (e.kind) {
    case 'host-down':
      return e.fenced
        ? `${name(e.host)} host fenced (powered off)`
        : `${name(e.host)} host crashes`;
    case 'host-up':
      return `${name(e.host)} host repaired`;
    case 'vm-down':
      return `${e.vm} goes down`;
    case 'vm-active':
      return `${e.vm} takes over on the ${name(e.host)} host`;
    case 'split-brain':
      return `${e.vm} active on two hosts (split brain)`;
    case 'unprotected':
      return `${e.vm} runs unprotected`;
    case 'protected':
      return `${e.vm} protected again towards the ${name(e.host)} host`;
    case 'link-down':
      return `network cut at the ${name(e.host)} host`;
    case 'link-up':
      return `network restored at the ${name(e.host)} host`;
    case 'declared-dead':
      return e.host ? `${name(e.host)} host declares its peer dead` : 'a host is declared dead';
    case 'arp':
      return `${name(e.host)} host sends gratuitous ARP`;
  }
}

/** The cluster map's picture of a run: built from the topology and the run's records, in time order. */
export function buildClusterModel(
  topology: Topology,
  facts: RunFacts,
  endUs: number,
  migratingVm?: string,
): ClusterModel {
  const deploy = deployEvents(topology, facts.hb, facts.topo ?? []);
  const label = new Map(topology.hosts.map((h) => [h.id, h.label]));
  const name = (h: string) => label.get(h) ?? h;
  const home = topology.vms.find((v) => v.id === migratingVm)?.host;
  const mig =
    migratingVm && home
      ? migrationPicture(facts.migration ?? [], migratingVm, () => home, name)
      : null;
  const events: ClusterEvent[] = deploy.map((e) => ({
    t: e.t,
    kind: e.kind,
    host: 'host' in e ? e.host : '',
    // The migrated guest's start on the target is the move itself, not a failover's takeover.
    text:
      e.kind === 'vm-active' && mig && e.vm === mig.vm && e.t === mig.resumedAt
        ? `${e.vm} runs on the ${name(e.host)} host (migrated)`
        : eventText(e, name),
  }));
  if (mig) {
    for (const m of mig.events)
      events.push({ t: m.t, kind: 'migration', host: m.host, text: m.text });
    events.sort((a, b) => a.t - b.t);
  }

  const hosts: HostModel[] = topology.hosts.map((h) => {
    const down: Span[] = [];
    let since: number | null = null;
    for (const e of deploy) {
      if (e.kind === 'host-down' && e.host === h.id && since === null) since = e.t;
      if (e.kind === 'host-up' && e.host === h.id && since !== null) {
        down.push({ from: since, to: e.t });
        since = null;
      }
    }
    if (since !== null) down.push({ from: since, to: Infinity });
    return { id: h.id, label: h.label, down };
  });

  const vms: VmModel[] = [];
  const arrows: ArrowModel[] = [];
  const firstEpoch = facts.epochs[0]?.suspend ?? 0;
  for (const v of topology.vms) {
    const { placements, replication } = vmTimeline(v, deploy, firstEpoch);
    vms.push({ id: v.id, label: v.label, services: v.services, placements });
    arrows.push(...replication);
  }
  if (mig?.arrow) arrows.push(mig.arrow);
  const pauses = facts.epochs.map((e) => ({ from: e.suspend, to: e.resume }));
  return {
    endUs,
    hosts,
    vms,
    arrows,
    events,
    pauses,
    ...(mig?.paused ? { migrationPause: { vm: mig.vm, span: mig.paused } } : {}),
  };
}

/**
 * Where one VM is over time, and when Remus replicates it. It starts on its home host, with a
 * copy on its backup host (a Remus replica, or the cluster manager's paused standby). A takeover
 * (vm-active) moves it: the old copy ends unless it still runs (split brain), the waiting copy
 * becomes the active one. A VM that goes down stays on its host, down, until it is active again.
 * Replication runs from the first checkpoint until the primary's host goes down, the VM moves or
 * Remus gives its backup up, and again from each re-protection.
 */
function vmTimeline(
  v: TopologyVm,
  deploy: readonly DeployEvent[],
  firstEpoch: number,
): { placements: Placement[]; replication: ArrowModel[] } {
  const placements: Placement[] = [];
  const replication: ArrowModel[] = [];
  type Open = { host: string; role: PlacementRole; from: number };
  const close = (o: Open | null, t: number) => {
    if (o && t > o.from) placements.push({ ...o, to: t });
    else if (o) placements.push({ ...o, to: o.from });
  };
  let active: Open | null = { host: v.host, role: 'active', from: 0 };
  let split: Open | null = null;
  let waiting: Open | null = v.backupHost
    ? { host: v.backupHost, role: v.protection === 'remus' ? 'replica' : 'standby', from: 0 }
    : null;
  let arrow: { from: number; src: string; dst: string } | null =
    v.protection === 'remus' && v.backupHost
      ? { from: firstEpoch, src: v.host, dst: v.backupHost }
      : null;
  const endArrow = (t: number) => {
    if (arrow)
      replication.push({
        kind: 'replication',
        vm: v.id,
        fromHost: arrow.src,
        toHost: arrow.dst,
        from: arrow.from,
        to: Math.max(arrow.from, t),
      });
    arrow = null;
  };
  for (let i = 0; i < deploy.length; i++) {
    const e = deploy[i] as DeployEvent;
    if (e.kind === 'host-down' && arrow && (e.host === arrow.src || e.host === arrow.dst))
      endArrow(e.t);
    if (!('vm' in e) || e.vm !== v.id) continue;
    if (e.kind === 'vm-down' && active) {
      // A stopped guest sends no checkpoints (remus-failback's stop on h3 drew one for 21 ms).
      endArrow(e.t);
      close(active, e.t);
      active = { host: active.host, role: 'down', from: e.t };
    } else if (e.kind === 'vm-active') {
      // Split brain is written right after the takeover, at the same instant.
      const next = deploy[i + 1];
      const twoCopies = next?.kind === 'split-brain' && next.vm === v.id && next.t === e.t;
      endArrow(e.t);
      if (twoCopies && active) {
        close(split, e.t);
        split = { ...active, from: e.t };
      }
      close(active, e.t);
      if (waiting && waiting.host === e.host) {
        close(waiting, e.t);
        waiting = null;
      }
      active = { host: e.host, role: 'active', from: e.t };
    } else if (e.kind === 'unprotected') {
      endArrow(e.t);
      close(waiting, e.t);
      waiting = null;
    } else if (e.kind === 'protected' && active) {
      endArrow(e.t);
      close(waiting, e.t);
      waiting = { host: e.host, role: 'replica', from: e.t };
      arrow = { from: e.t, src: active.host, dst: e.host };
    }
  }
  close(active, Infinity);
  close(split, Infinity);
  close(waiting, Infinity);
  endArrow(Infinity);
  placements.sort((a, b) => a.from - b.from);
  return {
    // A zero-length span (a move at the instant it began) holds nothing.
    placements: placements.filter((p) => p.to > p.from),
    replication: replication.filter((a) => a.to > a.from),
  };
}

/** The model of a scenario and its run's records. */
export function clusterModel(
  s: TopologyInput & { durationS: number; migration?: { enabled: boolean; vm: number } },
  facts: RunFacts,
): ClusterModel {
  const migrating = s.migration?.enabled ? `vm${s.migration.vm}` : undefined;
  return buildClusterModel(topologyOf(s), facts, s.durationS * 1e6, migrating);
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
  /** A live migration's VM stands still at t (its stop-and-copy downtime). */
  readonly migrating?: boolean;
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
      const state: VmState =
        !up.get(p.host) || p.role === 'down'
          ? 'down'
          : p.role === 'replica'
            ? 'replica'
            : p.role === 'standby' ||
                (paused && replicated(m, v.id, t)) ||
                (p.role === 'active' && migrationPaused(m, v.id, t))
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
  const p = m.migrationPause;
  const migrating = p !== undefined && p.span.from <= t && t < p.span.to;
  return { t, hosts, vms, arrows, events, ...(migrating ? { migrating } : {}) };
}

/** Whether VM `id` stands still at t for its live migration's stop-and-copy. */
function migrationPaused(m: ClusterModel, id: string, t: number): boolean {
  const p = m.migrationPause;
  return p !== undefined && p.vm === id && p.span.from <= t && t < p.span.to;
}

/** Whether VM `id` is being checkpointed at t (its active copy pauses with each epoch). */
function replicated(m: ClusterModel, id: string, t: number): boolean {
  return m.arrows.some((a) => a.kind === 'replication' && a.vm === id && a.from <= t && t < a.to);
}
