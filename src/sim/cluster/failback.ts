import type { Micros } from '../engine/units';
import type { ClusterParams } from './manager-params';
import type { ResourceGroupSpec, ResourceManager } from './resource-manager';

/** One failback, as the run summary reports it. */
export interface FailbackSummary {
  vm: string;
  /** When the group stopped on the host that held it (s). */
  atS: number;
  from: number;
  to: number;
  /** From that stop to the clients following the home copy's gratuitous ARP (s); null: never. */
  outageS: number | null;
}

export type ManagerKind = 'heartbeat' | 'pacemaker';

/**
 * Whether the manager moves a group back to its home node when that node is back.
 * Heartbeat: ha.cf `auto_failback on`; `legacy` (nice_failback off, config.c's own default) is
 * the behaviour from before the option existed, where the returning node takes its resources
 * back (hb_resource.c req_our_resources), so it fails back too. Pacemaker: each node's score for
 * the group is its location score, plus resource-stickiness on the node running it; the group
 * moves only to a strictly better node, so back home iff the home score exceeds the stickiness
 * (the other nodes have no location score here).
 */
export function failbackWanted(kind: ManagerKind, c: ClusterParams): boolean {
  return kind === 'heartbeat' ? c.autoFailback !== 'off' : c.homeScore > c.stickiness;
}

/**
 * When the stop on the holder and the start on the home node happen, after the trigger, in
 * one-way cluster messages of `latency`.
 * Heartbeat (trigger: the home node's comm up, its first view with the holder; hb_resource.c
 * Heartbeat 2.x): T_STARTING home→holder, T_RESOURCES holder→home, the home node's stable
 * T_RESOURCES home→holder (the holder's PerformAutoFailback), standby "me" holder→home, "other"
 * home→holder: the holder gives its foreign resources up (go_standby, a stop) after five
 * messages, and its "done" reaches the home node one later, which acquires them (a start).
 * Pacemaker (trigger: the DC's view with the home node back): the transition orders the stop
 * before the start: DC→holder, the holder's result →DC, DC→home, each nothing on the DC itself.
 * The resource agents' own stop time is not modelled (a stop is immediate).
 */
export function failbackTimes(
  kind: ManagerKind,
  latency: Micros,
  dc: number,
  from: number,
  to: number,
): { stop: Micros; start: Micros } {
  if (kind === 'heartbeat')
    return { stop: (5 * latency) as Micros, start: (6 * latency) as Micros };
  const hop = (a: number, b: number) => (a === b ? 0 : latency);
  const stop = hop(dc, from);
  return { stop: stop as Micros, start: (stop + hop(from, dc) + hop(dc, to)) as Micros };
}

/** What the failback decision needs from the cluster manager. */
export interface FailbackHooks {
  readonly kind: ManagerKind;
  readonly params: ClusterParams;
  readonly latency: Micros;
  readonly rm: ResourceManager;
  readonly groups: readonly ResourceGroupSpec[];
  /** Whether the group can start on its home node now (a Remus VM: its replica is synchronised there). */
  ready(group: string, home: number): boolean;
  /** The group is about to move (node numbers). */
  moving(group: string, from: number, to: number, stopAt: Micros): void;
}

/**
 * Watches the views for a group's home node coming back and moves the group there by the
 * manager's protocol (ResourceManager.relocate). Heartbeat acts on the home node's own view,
 * Pacemaker on its DC's (the lowest node id of the view).
 */
export class FailbackWatch {
  private readonly wanted: boolean;

  constructor(private readonly h: FailbackHooks) {
    this.wanted = failbackWanted(h.kind, h.params);
  }

  viewChanged(node: number, members: ReadonlySet<number>, quorate: boolean, now: Micros): void {
    if (!this.wanted || !quorate) return;
    for (const g of this.h.groups) {
      const home = g.preference[0];
      if (home === undefined || !members.has(home)) continue;
      const trigger = this.h.kind === 'heartbeat' ? home : Math.min(...members);
      if (node !== trigger || this.h.rm.isRelocating(g.name)) continue;
      const holders = this.h.rm.copies(g.name);
      const from = holders[0];
      if (holders.length !== 1 || from === undefined || from === home || !members.has(from))
        continue;
      if (!this.h.ready(g.name, home)) continue;
      const t = failbackTimes(this.h.kind, this.h.latency, node, from, home);
      const stopAt = (now + t.stop) as Micros;
      this.h.moving(g.name, from, home, stopAt);
      this.h.rm.relocate(g.name, from, home, stopAt, (now + t.start) as Micros);
    }
  }
}
