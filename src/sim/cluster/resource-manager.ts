import type { Simulator } from '../engine/simulator';
import { ms, type Micros } from '../engine/units';
import type { InterruptCause, InterruptOutcome } from '../migration/precopy';
import type { ClusterFabric } from './fabric';

/**
 * Resource groups on top of a membership layer (Heartbeat or Corosync): where each group runs,
 * takeover by the most preferred node that sees the owner gone, STONITH before takeover, the
 * gratuitous ARPs of IPaddr2, stop on loss of quorum, and a graceful standby that moves a
 * migratable group (a VM) by live migration. Every node acts on its own view of the membership,
 * as Heartbeat's resource scripts do; a partition's nodes hear each other, so within one
 * component the views agree and exactly one node is the intended owner.
 *
 * Fencing rule (Pacemaker's: a node outside the membership is "unclean" until fenced): before
 * starting a group, a node powers off every node outside its view that it has not itself seen
 * fenced, and starts only when all those fences are done. A fence, once requested, completes
 * even if the requester dies meanwhile (the power switch has the command). So when a node
 * starts a copy, every node outside its view is off, and every node inside sees the copy: two
 * copies never run while fencing is on. Without fencing a partition runs one copy per side
 * (split brain), which the tests show.
 */
export interface ResourceGroupSpec {
  readonly name: string;
  /** Placement preference, most preferred first (haresources' node, Pacemaker location scores). */
  readonly preference: readonly number[];
  /** A VM that a graceful standby moves by live migration instead of stop and start. */
  readonly migratable?: boolean;
}

/** IPaddr2's defaults (resource-agents heartbeat/IPaddr2): arp_count 5, arp_interval 200 ms. */
export const IPADDR2_ARP_COUNT = 5;
export const IPADDR2_ARP_INTERVAL = ms(200);

export interface ResourceManagerOptions {
  readonly fencing: boolean;
  /** Request to confirmed power-off of a STONITH action (device-dependent; an assumption). */
  readonly fenceDelay: Micros;
  readonly arpCount: number;
  readonly arpInterval: Micros;
  /** Pacemaker: the partition's DC (lowest node id) fences every node that left its view. */
  readonly fenceOnMembershipLoss: boolean;
  /** One-way cluster message latency (a standby's handover message). */
  readonly messageLatency: Micros;
}

export type ClusterEventKind =
  | 'start'
  | 'stop'
  | 'fence-request'
  | 'fence-done'
  | 'migrate-start'
  | 'migrate-paused'
  | 'migrate-resumed'
  | 'migrate-interrupted';

export interface ClusterEvent {
  readonly at: Micros;
  readonly kind: ClusterEventKind;
  readonly node: number;
  readonly group?: string;
  /** Fence target, or a migration's destination. */
  readonly peer?: number;
  readonly reason?: string;
  /** For a start with IPaddr2: when its gratuitous ARPs go out. */
  readonly arps?: readonly Micros[];
}

/** A running migration that a node or link failure can interrupt (PrecopyMigration has it). */
export interface MigrationHandle {
  interrupt(now: Micros, cause: InterruptCause): InterruptOutcome;
}

/** Moves `group` from `from` to `to` and reports pause and resume (a PrecopyMigration, say). */
export type Migrator = (
  group: string,
  from: number,
  to: number,
  now: Micros,
  report: { paused(at: Micros): void; resumed(at: Micros): void },
) => MigrationHandle;

interface ActiveMigration {
  readonly group: string;
  readonly from: number;
  readonly to: number;
  readonly handle: MigrationHandle;
  paused: boolean;
}

interface View {
  members: ReadonlySet<number>;
  quorate: boolean;
}

export class ResourceManager {
  readonly log: ClusterEvent[] = [];
  private readonly running = new Map<string, Set<number>>();
  private readonly maxCopiesSeen = new Map<string, number>();
  private readonly views: View[];
  private readonly pendingFences: Set<number>[];
  private readonly knownOff: Set<number>[];
  private readonly standbyNodes = new Set<number>();
  private readonly migrating = new Map<string, ActiveMigration>();
  /** Groups on their way back to their home node (failback.ts): nobody else starts them. */
  private readonly relocating = new Set<string>();

  constructor(
    private readonly sim: Simulator,
    private readonly fabric: ClusterFabric,
    private readonly groups: readonly ResourceGroupSpec[],
    private readonly opts: ResourceManagerOptions,
    private readonly migrator?: Migrator,
    /** Told of every event as it is logged (a world acts on starts, stops and fences). */
    private readonly onEvent?: (e: ClusterEvent) => void,
  ) {
    const all = new Set(Array.from({ length: fabric.size }, (_, i) => i));
    this.views = Array.from({ length: fabric.size }, () => ({ members: all, quorate: true }));
    this.pendingFences = Array.from({ length: fabric.size }, () => new Set<number>());
    this.knownOff = Array.from({ length: fabric.size }, () => new Set<number>());
    for (const g of groups) {
      this.running.set(g.name, new Set());
      this.maxCopiesSeen.set(g.name, 0);
    }
    fabric.listen((change, now) => {
      if (change.kind === 'crash' || change.kind === 'fenced') {
        const down = change.node;
        this.stopAll(down, now, change.kind);
        this.interruptMigrations(now, (m) =>
          m.from === down ? 'source-down' : m.to === down ? 'destination-down' : undefined,
        );
      } else if (change.kind === 'boot') {
        this.booted(change.node);
      } else if (change.kind === 'partition') {
        this.interruptMigrations(now, (m) =>
          fabric.connected(m.from, m.to) ? undefined : 'link-down',
        );
      }
    });
  }

  /**
   * `node` booted after a repair. It knows no membership yet: until its membership layer reports
   * a view it counts as inquorate and starts nothing (Heartbeat waits initdead, Corosync a join).
   * It is no longer known to be off, so a later loss of it is fenced again; what it knew is gone.
   */
  private booted(node: number): void {
    this.views[node] = { members: new Set([node]), quorate: false };
    for (const known of this.knownOff) known.delete(node);
    this.knownOff[node]?.clear();
    this.pendingFences[node]?.clear();
  }

  /** Starts every group on its most preferred up node (the cluster formed before the run). */
  bootstrap(now: Micros): void {
    for (const g of this.groups) {
      const owner = g.preference.find((n) => this.fabric.isUp(n));
      if (owner !== undefined) this.start(g.name, owner, now, 'initial placement', true);
    }
  }

  /** Nodes running `group` now. */
  copies(group: string): number[] {
    return [...(this.running.get(group) ?? [])].sort((a, b) => a - b);
  }

  /** The most copies of `group` that ever ran at once. */
  maxCopies(group: string): number {
    return this.maxCopiesSeen.get(group) ?? 0;
  }

  /** Groups running on `node`. */
  groupsOn(node: number): string[] {
    return this.groups.filter((g) => this.running.get(g.name)?.has(node)).map((g) => g.name);
  }

  /** The membership layer reports `node`'s new view. */
  viewChanged(node: number, members: ReadonlySet<number>, quorate: boolean, now: Micros): void {
    if (!this.fabric.isUp(node)) return;
    this.views[node] = { members, quorate };
    if (!quorate) {
      // Pacemaker's no-quorum-policy=stop (its default): a partition without quorum stops.
      for (const g of this.groupsOn(node)) this.stop(g, node, now, 'no quorum');
      return;
    }
    if (this.opts.fencing && this.opts.fenceOnMembershipLoss && node === Math.min(...members)) {
      this.fenceOutsiders(node, now);
    }
    this.evaluate(node, now);
  }

  /**
   * A graceful failure of `node` (hb_standby, crm node standby): its groups move to the next
   * preferred node; a migratable group moves by live migration driven from the destination.
   */
  standby(node: number, now: Micros): void {
    this.standbyNodes.add(node);
    for (const name of this.groupsOn(node)) {
      if (this.migrating.has(name)) continue; // already on its way
      const spec = this.spec(name);
      const to = this.intendedOwner(spec, this.views[node]?.members ?? new Set());
      if (to === undefined) {
        // Nowhere to go: a node in standby runs nothing (Pacemaker's rule), so the group stops.
        this.stop(name, node, now, 'standby, no other node');
        continue;
      }
      if (spec.migratable && this.migrator) {
        this.record({ at: now, kind: 'migrate-start', node, group: name, peer: to });
        const active: { m?: ActiveMigration } = {};
        const handle = this.migrator(name, node, to, now, {
          paused: (t) => {
            if (active.m) active.m.paused = true;
            this.record({ at: t, kind: 'migrate-paused', node, group: name, peer: to });
            this.stop(name, node, t, 'migrated away');
          },
          resumed: (t) => {
            this.migrating.delete(name);
            this.record({ at: t, kind: 'migrate-resumed', node: to, group: name, peer: node });
            // The guest announces itself (netfront's gratuitous ARP): no IPaddr2 ARPs here.
            if (this.fabric.isUp(to)) this.start(name, to, t, 'migrated in', false);
          },
        });
        active.m = { group: name, from: node, to, handle, paused: false };
        this.migrating.set(name, active.m);
        // No stream to a node the source cannot reach (ssh fails): the guest stays put.
        if (!this.fabric.connected(node, to)) {
          this.interruptMigrations(now, (m) => (m.group === name ? 'link-down' : undefined));
        }
      } else {
        this.stop(name, node, now, 'standby');
      }
    }
    // The standby is news to every node (a message in Heartbeat, a CIB change in Pacemaker): each
    // looks again at what it should run, so that a node that deferred to this one takes over.
    for (let peer = 0; peer < this.fabric.size; peer++) {
      if (peer !== node) this.sim.after(this.opts.messageLatency, (t) => this.evaluate(peer, t));
    }
  }

  /**
   * Failback (failback.ts): `group` stops on `from` at `stopAt` and starts on `to` (with IPaddr2)
   * at `startAt`, the times the manager's protocol takes. Meanwhile no node takes it over. When
   * `to` is down by then, the group stays stopped and every node looks again (a takeover).
   */
  relocate(group: string, from: number, to: number, stopAt: Micros, startAt: Micros): void {
    if (this.relocating.has(group) || this.migrating.has(group)) return;
    this.relocating.add(group);
    this.sim.at(stopAt, (t) => this.stop(group, from, t, 'failback'));
    this.sim.at(startAt, (t) => {
      this.relocating.delete(group);
      if (this.fabric.isUp(to) && this.views[to]?.quorate) {
        this.start(group, to, t, 'failback', true);
        return;
      }
      for (let n = 0; n < this.fabric.size; n++) this.evaluate(n, t);
    });
  }

  /** Whether `group` is on its way back to its home node. */
  isRelocating(group: string): boolean {
    return this.relocating.has(group);
  }

  /** Interrupts the migrations `cause` names a failure for, and settles where each guest is. */
  private interruptMigrations(
    now: Micros,
    cause: (m: ActiveMigration) => InterruptCause | undefined,
  ): void {
    for (const m of [...this.migrating.values()]) {
      const why = cause(m);
      if (!why) continue;
      const outcome = m.handle.interrupt(now, why);
      this.record({
        at: now,
        kind: 'migrate-interrupted',
        node: m.from,
        group: m.group,
        peer: m.to,
        reason: `${why}: ${outcome.kind}`,
      });
      if (outcome.kind === 'continues' || outcome.kind === 'finished') continue;
      if (outcome.kind === 'lost') {
        this.migrating.delete(m.group);
        continue;
      }
      // The sender resumes its guest; the group stays "migrating" until it runs again, so that
      // no other node starts it meanwhile.
      this.sim.at(outcome.runsAgainAt, (t) => {
        this.migrating.delete(m.group);
        if (m.paused && this.fabric.isUp(m.from))
          this.start(m.group, m.from, t, 'migration failed, resumed at source', false);
      });
    }
  }

  private spec(name: string): ResourceGroupSpec {
    const s = this.groups.find((g) => g.name === name);
    if (!s) throw new Error(`no resource group ${name}`);
    return s;
  }

  private intendedOwner(g: ResourceGroupSpec, members: ReadonlySet<number>): number | undefined {
    return g.preference.find((n) => members.has(n) && !this.standbyNodes.has(n));
  }

  private evaluate(node: number, now: Micros): void {
    const view = this.views[node];
    if (!view || !this.fabric.isUp(node) || !view.quorate) return;
    for (const g of this.groups) {
      if (this.migrating.has(g.name) || this.relocating.has(g.name)) continue;
      const holders = [...(this.running.get(g.name) ?? [])].filter((n) => view.members.has(n));
      if (holders.length > 0 || this.intendedOwner(g, view.members) !== node) continue;
      if (this.opts.fencing && this.fenceOutsiders(node, now) > 0) continue;
      this.start(g.name, node, now, 'takeover', true);
    }
  }

  /** Requests fences of every outsider not known off; returns how many are still pending. */
  private fenceOutsiders(node: number, now: Micros): number {
    const view = this.views[node];
    const pending = this.pendingFences[node];
    const known = this.knownOff[node];
    if (!view || !pending || !known) return 0;
    for (let target = 0; target < this.fabric.size; target++) {
      if (view.members.has(target) || known.has(target) || pending.has(target)) continue;
      pending.add(target);
      this.record({ at: now, kind: 'fence-request', node, peer: target });
      this.sim.after(this.opts.fenceDelay, (t) => {
        this.fabric.powerOff(target, node, t);
        pending.delete(target);
        known.add(target);
        this.record({ at: t, kind: 'fence-done', node, peer: target });
        if (pending.size === 0) this.evaluate(node, t);
      });
    }
    return pending.size;
  }

  private start(group: string, node: number, now: Micros, reason: string, ipaddr2: boolean): void {
    const set = this.running.get(group);
    if (!set || set.has(node)) return;
    set.add(node);
    this.maxCopiesSeen.set(group, Math.max(this.maxCopies(group), set.size));
    const arps = ipaddr2
      ? Array.from(
          { length: this.opts.arpCount },
          (_, k) => (now + k * this.opts.arpInterval) as Micros,
        )
      : undefined;
    this.record({ at: now, kind: 'start', node, group, reason, ...(arps ? { arps } : {}) });
  }

  private stop(group: string, node: number, now: Micros, reason: string): void {
    const set = this.running.get(group);
    if (!set?.delete(node)) return;
    this.record({ at: now, kind: 'stop', node, group, reason });
  }

  private stopAll(node: number, now: Micros, reason: string): void {
    for (const g of this.groupsOn(node)) this.stop(g, node, now, reason);
  }

  private record(e: ClusterEvent): void {
    this.log.push(e);
    this.onEvent?.(e);
  }
}
