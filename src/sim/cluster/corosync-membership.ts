import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import { failureToMembership, isQuorate, mergeToMembership, type TotemConfig } from './corosync';
import type { ClusterFabric } from './fabric';
import type { ViewListener } from './heartbeat-membership';

/**
 * Corosync membership as an event process: after a crash, fence or partition, each connected
 * component whose members' views no longer match it forms a new membership after the totem
 * delays of corosync.ts (failure: token + consensus + join + rotations; merge: merge timeout +
 * join + rotations). A component that changes again before then drops the pending formation
 * (the new change restarts the protocol). Every member of a new membership learns it together
 * with votequorum's verdict; the listener (a ResourceManager) stops the resources of an
 * inquorate partition. Between a change and the new membership the old views stand, as they do
 * in totem while the token is being declared lost.
 */
export interface Formation {
  readonly at: Micros;
  readonly members: readonly number[];
  readonly quorate: boolean;
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class CorosyncMembership {
  readonly formations: Formation[] = [];
  private readonly views: number[][];

  constructor(
    private readonly sim: Simulator,
    private readonly fabric: ClusterFabric,
    private readonly cfg: TotemConfig,
    /** One-way latency of the cluster network. */
    private readonly latency: Micros,
    private readonly onView?: ViewListener,
  ) {
    if (cfg.nodes !== fabric.size) throw new RangeError('the nodelist must list every node');
    const all = Array.from({ length: fabric.size }, (_, i) => i);
    this.views = all.map(() => all);
    fabric.listen((change, now) => {
      // A booted node starts alone; the merge with its component forms a new membership.
      if (change.kind === 'boot') this.views[change.node] = [change.node];
      this.changed(now);
    });
  }

  /** `node`'s current membership. */
  view(node: number): readonly number[] {
    return this.views[node] ?? [];
  }

  private changed(now: Micros): void {
    for (const comp of this.fabric.components()) {
      if (comp.every((m) => sameMembers(this.view(m), comp))) continue;
      const lost = comp.some((m) => this.view(m).some((x) => !comp.includes(x)));
      const delay = lost
        ? failureToMembership(this.cfg, comp.length, this.latency)
        : mergeToMembership(this.cfg, comp.length, this.latency);
      this.sim.at((now + delay) as Micros, (t) => this.form(comp, t));
    }
  }

  private form(comp: readonly number[], t: Micros): void {
    // Still the same component? Otherwise a later change has planned its own formation.
    if (!this.fabric.components().some((c) => sameMembers(c, comp))) return;
    if (comp.every((m) => sameMembers(this.view(m), comp))) return;
    const quorate = isQuorate(this.cfg, comp);
    for (const m of comp) this.views[m] = [...comp];
    this.formations.push({ at: t, members: [...comp], quorate });
    for (const m of comp) this.onView?.(m, new Set(comp), quorate, t);
  }
}
