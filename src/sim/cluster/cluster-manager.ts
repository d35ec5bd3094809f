import type { Simulator } from '../engine/simulator';
import { HbEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import type { Scenario } from '../scenario/scenario';
import { totemConfig } from './corosync';
import { CorosyncMembership } from './corosync-membership';
import { ClusterFabric } from './fabric';
import { heartbeatConfig, type HeartbeatConfig } from './heartbeat-config';
import { HeartbeatMembership } from './heartbeat-membership';
import { ResourceManager, type ClusterEvent, type ResourceGroupSpec } from './resource-manager';
import type { ServiceVm } from './service-vm';
import { startOn, stopOn } from './managed-start';
import { crashHost, type FailureTargets } from './failure-injector';
import { FailbackWatch, type FailbackSummary } from './failback';
import { protectedTowards, reprotectIfBack } from './managed-reprotect';

/** What the cluster manager needs from the world. */
export interface ClusterHooks {
  readonly sim: Simulator;
  readonly trace: TraceRecorder;
  readonly scenario: Scenario;
  /** Numbers of the enabled hosts, in order: node i is host hosts[i]. */
  readonly hosts: readonly number[];
  readonly services: readonly ServiceVm[];
  /** STONITH: the fence device powers host n off (the world halts it as a crash). */
  powerOff(n: number, now: Micros): void;
}

/** The `cluster` block of the run summary, told by the manager itself. */
export interface ClusterSummary {
  manager: 'heartbeat' | 'pacemaker';
  nodes: number;
  /** Heartbeat's medium; null under Pacemaker. */
  medium: string | null;
  /** Heartbeat packets per second put on the wire and heard (null under Pacemaker: totem not counted). */
  packetsSentPerS: number | null;
  packetsReceivedPerS: number | null;
  /** Changes of a node's view (Heartbeat: one per observer and peer; Corosync: one per member per formation). */
  membershipChanges: number;
  /** Views without quorum a node got (Pacemaker; Heartbeat has no quorum). */
  quorumLosses: number;
  fences: number;
  /** Group starts after the initial placement (takeovers) and stops by the manager. */
  starts: number;
  stops: number;
  /** Groups moved back to their home host (failback.ts); present only when one moved. */
  failbacks?: FailbackSummary[];
}

/**
 * Heartbeat, or Pacemaker on Corosync, over every enabled host (ADR 12's leaf modules wired into
 * the world): one membership (plus `cluster.nodes` extra nodes that run no VM), fed by the
 * hosts' crashes and the partitions, and a ResourceManager placing one resource group per
 * protected service VM — its host first, then its backup host, then (standby and restart: the
 * guest's disk is shared) the other hosts. A start is the ServiceVm's takeover on that host;
 * a stop for lack of quorum stops the copy; a fence powers the host off through the world.
 */
export class ClusterManager {
  readonly fabric: ClusterFabric;
  readonly rm: ResourceManager;
  private readonly hb: HeartbeatMembership | undefined;
  private readonly kind: 'heartbeat' | 'pacemaker';
  private readonly lastLoss: Micros[];
  private readonly lastFence: (Micros | undefined)[];
  private readonly isolated = new Set<number>();
  private membershipChanges = 0;
  private quorumLosses = 0;
  private fences = 0;
  private starts = 0;
  private stops = 0;
  /** Each node's last view (cluster nodes), for the failback and re-protection checks. */
  private readonly views: (ReadonlySet<number> | undefined)[];
  private readonly failback: FailbackWatch;
  private readonly failbacks: FailbackSummary[] = [];
  /** A failback under way per group: its summary row and when the group stopped. */
  private readonly moves = new Map<string, { row: FailbackSummary; stopAt: Micros }>();

  constructor(private readonly h: ClusterHooks) {
    const s = h.scenario;
    const c = s.cluster;
    this.kind = c.manager === 'pacemaker' ? 'pacemaker' : 'heartbeat';
    const size = Math.max(c.nodes, h.hosts.length);
    this.fabric = new ClusterFabric(size);
    this.lastLoss = new Array<Micros>(size).fill(0 as Micros);
    this.lastFence = new Array<Micros | undefined>(size).fill(undefined);
    this.views = new Array<ReadonlySet<number> | undefined>(size).fill(undefined);
    const latency = ms(s.replication.linkLatencyMs);
    const groups = this.groups();
    this.rm = new ResourceManager(
      h.sim,
      this.fabric,
      groups,
      {
        fencing: s.failure.fencing,
        fenceDelay: ms(s.failure.fenceMs),
        arpCount: c.arpCount,
        arpInterval: ms(c.arpIntervalMs),
        fenceOnMembershipLoss: this.kind === 'pacemaker',
        messageLatency: latency,
      },
      undefined,
      (e) => this.onEvent(e),
    );
    this.failback = new FailbackWatch({
      kind: this.kind,
      params: c,
      latency,
      rm: this.rm,
      groups,
      ready: (group, home) => {
        const u = this.unit(group);
        const host = this.hostOf(home);
        // A Remus VM starts at home only from a synchronised replica there.
        return u?.slot.protection !== 'remus' || (host !== undefined && protectedTowards(u, host));
      },
      moving: (group, from, to, stopAt) => {
        const row: FailbackSummary = {
          vm: group,
          atS: stopAt / 1e6,
          from: this.hostOf(from) ?? 0,
          to: this.hostOf(to) ?? 0,
          outageS: null,
        };
        this.failbacks.push(row);
        this.moves.set(group, { row, stopAt });
      },
    });
    const onView = (node: number, members: ReadonlySet<number>, quorate: boolean, now: Micros) =>
      this.viewChanged(node, members, quorate, now);
    if (this.kind === 'heartbeat') {
      this.hb = new HeartbeatMembership(
        h.sim,
        this.fabric,
        this.heartbeatConfig(),
        latency,
        s.seed,
        onView,
      );
    } else {
      const totem = totemConfig(size, {
        tokenMs: c.tokenMs,
        ...(c.consensusMs > 0 ? { consensusMs: c.consensusMs } : {}),
      });
      new CorosyncMembership(h.sim, this.fabric, totem, latency, onView);
    }
    this.fabric.listen((change, now) => {
      if (change.kind !== 'fenced') return;
      const host = this.hostOf(change.node);
      if (host !== undefined) h.powerOff(host, now);
    });
  }

  /** Heartbeat's ha.cf from the failure fields (keepalive, warn and dead time) and initdead. */
  private heartbeatConfig(): HeartbeatConfig {
    const f = this.h.scenario.failure;
    const initdead = this.h.scenario.cluster.initdeadMs;
    return heartbeatConfig({
      keepaliveMs: f.keepaliveMs,
      deadtimeMs: f.deadMs,
      warntimeMs: f.warnMs,
      // Heartbeat refuses initdead < deadtime; the lab raises it to deadtime.
      ...(initdead > 0 ? { initdeadMs: Math.max(initdead, f.deadMs) } : {}),
      medium: this.h.scenario.cluster.medium,
    });
  }

  /** One group per protected service VM whose backup host is in the deployment. */
  private groups(): ResourceGroupSpec[] {
    const out: ResourceGroupSpec[] = [];
    for (const u of this.h.services) {
      const { protection, host, backupHost } = u.slot;
      if (protection === 'none' || !this.h.hosts.includes(backupHost)) continue;
      // A Remus replica lives on the backup host only; a standby or a restart can start anywhere.
      const others =
        protection === 'remus' ? [] : this.h.hosts.filter((n) => n !== host && n !== backupHost);
      const preference = [host, backupHost, ...others].map((n) => this.nodeOf(n));
      out.push({ name: `vm${u.k}`, preference });
    }
    return out;
  }

  private nodeOf(host: number): number {
    return this.h.hosts.indexOf(host);
  }

  private hostOf(node: number): number | undefined {
    return this.h.hosts[node];
  }

  /** The cluster formed before the run: groups on their first choice, heartbeats start. */
  start(now: Micros): void {
    this.rm.bootstrap(now);
    this.hb?.start(now);
  }

  /** Host n went down (a crash, or this manager's fence). */
  hostDown(n: number, now: Micros): void {
    this.views[this.nodeOf(n)] = undefined;
    this.fabric.crash(this.nodeOf(n), now);
  }

  /** Host n is back after a repair: its node boots and rejoins the membership by the protocol. */
  hostUp(n: number, now: Micros): void {
    // What it saw before its crash is gone: no check acts on that view until it reports anew.
    this.views[this.nodeOf(n)] = undefined;
    this.fabric.boot(this.nodeOf(n), now);
  }

  /** A partition isolated host n from its peers (on), or healed (off). */
  isolate(n: number, on: boolean, now: Micros): void {
    if (on) this.isolated.add(n);
    else this.isolated.delete(n);
    if (this.isolated.size === 0) return this.fabric.heal(now);
    const isolatedNodes = new Set([...this.isolated].map((x) => this.nodeOf(x)));
    const rest = Array.from({ length: this.fabric.size }, (_, i) => i).filter(
      (i) => !isolatedNodes.has(i),
    );
    // Unlisted nodes stand alone: each isolated host is its own component.
    this.fabric.partition([rest], now);
  }

  private viewChanged(
    node: number,
    members: ReadonlySet<number>,
    quorate: boolean,
    now: Micros,
  ): void {
    if (!this.fabric.isUp(node)) return;
    this.membershipChanges++;
    if (!quorate) this.quorumLosses++;
    const host = this.hostOf(node);
    if (host !== undefined)
      this.h.trace.add(now, TraceKind.Hb, host, HbEvent.Membership, members.size, quorate ? 1 : 0);
    this.lastLoss[node] = now;
    this.views[node] = members;
    this.rm.viewChanged(node, members, quorate, now);
    this.failback.viewChanged(node, members, quorate, now);
    for (const u of this.h.services) if (this.nodeOf(u.active) === node) this.reprotect(u, now);
  }

  /** A Remus VM running unprotected on a node that sees its peer node again gets its backup back. */
  private reprotect(u: ServiceVm, now: Micros): void {
    const view = this.views[this.nodeOf(u.active)];
    if (!view) return;
    reprotectIfBack(
      u,
      (host) => view.has(this.nodeOf(host)),
      now,
      (t) => this.recheck(t),
    );
  }

  /** Something a failback waits for happened (a replica synchronised): each node looks again. */
  private recheck(now: Micros): void {
    for (let n = 0; n < this.fabric.size; n++) {
      const view = this.views[n];
      if (view && this.fabric.isUp(n)) this.failback.viewChanged(n, view, true, now);
    }
  }

  private unit(group: string): ServiceVm | undefined {
    return this.h.services.find((u) => `vm${u.k}` === group);
  }

  private onEvent(e: ClusterEvent): void {
    const host = this.hostOf(e.node);
    const peer = e.peer === undefined ? undefined : this.hostOf(e.peer);
    const unit = e.group === undefined ? undefined : this.unit(e.group);
    switch (e.kind) {
      case 'fence-request':
        if (host !== undefined)
          this.h.trace.add(e.at, TraceKind.Hb, host, HbEvent.FenceRequest, peer ?? 0);
        break;
      case 'fence-done':
        this.fences++;
        this.lastFence[e.node] = e.at;
        if (host !== undefined)
          this.h.trace.add(e.at, TraceKind.Hb, host, HbEvent.Fenced, peer ?? 0);
        break;
      case 'start': {
        if (e.reason === 'initial placement' || !unit || host === undefined) break;
        this.starts++;
        const move = e.reason === 'failback' ? this.moves.get(e.group ?? '') : undefined;
        startOn(
          unit,
          host,
          this.lastLoss[e.node] ?? e.at,
          this.lastFence[e.node],
          this.h.scenario.cluster.arpCount,
          ms(this.h.scenario.cluster.arpIntervalMs),
          {
            resumed: (t) => this.reprotect(unit, t),
            followed: (t) => {
              if (move && move.row.outageS === null) move.row.outageS = (t - move.stopAt) / 1e6;
            },
          },
        );
        break;
      }
      case 'stop':
        // A crashed or fenced host's copy died with it; the manager stops only a live one.
        if (e.reason === 'crash' || e.reason === 'fenced' || !unit || host === undefined) break;
        this.stops++;
        this.h.trace.add(
          e.at,
          TraceKind.Hb,
          host,
          HbEvent.ResourceStopped,
          unit.k,
          stopWhy(e.reason),
        );
        stopOn(unit, host, e.at);
        break;
      default:
        break;
    }
  }

  summary(now: Micros): ClusterSummary {
    const seconds = now / 1e6;
    const rate = (n: number) => (seconds > 0 ? Math.round((n / seconds) * 1000) / 1000 : 0);
    return {
      manager: this.kind,
      nodes: this.fabric.size,
      medium: this.kind === 'heartbeat' ? this.h.scenario.cluster.medium : null,
      packetsSentPerS: this.hb ? rate(this.hb.packetsSent) : null,
      packetsReceivedPerS: this.hb ? rate(this.hb.receptions) : null,
      membershipChanges: this.membershipChanges,
      quorumLosses: this.quorumLosses,
      fences: this.fences,
      starts: this.starts,
      stops: this.stops,
      ...(this.failbacks.length > 0 ? { failbacks: this.failbacks.map((r) => ({ ...r })) } : {}),
    };
  }
}

/**
 * The scenario's cluster manager over all hosts, wired to the world's failures (a crash, a
 * partition) and started at time 0; undefined under `pairwise`.
 */
export function startClusterManager(
  t: FailureTargets,
  s: Scenario,
  hosts: readonly number[],
): ClusterManager | undefined {
  if (s.cluster.manager === 'pairwise') return undefined;
  const cluster = new ClusterManager({
    sim: t.sim,
    trace: t.trace,
    scenario: s,
    hosts,
    services: t.services,
    powerOff: (n, now) => crashHost(t, n, now, true),
  });
  t.net.onIsolate = (n, on) => cluster.isolate(n, on, t.sim.now);
  t.onHostDown = (n, now) => cluster.hostDown(n, now);
  t.onHostUp = (n, now) => cluster.hostUp(n, now);
  cluster.start(t.sim.now);
  return cluster;
}

/** Why the manager stopped a group, as the ResourceStopped record's c says (docs/trace.md). */
function stopWhy(reason: string | undefined): number {
  if (reason === 'no quorum') return 1;
  if (reason === 'failback') return 2;
  if (reason?.startsWith('standby') || reason === 'migrated away') return 3;
  return 0;
}
