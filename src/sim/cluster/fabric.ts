import type { Micros } from '../engine/units';

/**
 * The nodes of a cluster and the network between them, as the membership layers see it: a node
 * is up or down (crashed, or powered off by fencing), and the cluster network is split into
 * components (a partition puts nodes in different components; nodes in the same component hear
 * each other). Fencing goes through a separate power network (a STONITH device), so it reaches
 * a node in any component.
 */
export type FabricChange =
  | { readonly kind: 'crash'; readonly node: number }
  | { readonly kind: 'fenced'; readonly node: number; readonly by: number }
  | { readonly kind: 'partition'; readonly groups: readonly (readonly number[])[] }
  | { readonly kind: 'heal' }
  | { readonly kind: 'boot'; readonly node: number };

export type FabricListener = (change: FabricChange, now: Micros) => void;

export class ClusterFabric {
  private readonly up: boolean[];
  private readonly component: number[];
  private readonly listeners: FabricListener[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('a cluster has at least one node');
    this.up = new Array<boolean>(size).fill(true);
    this.component = new Array<number>(size).fill(0);
  }

  /** Calls `l` after every change, in the order listeners were added. */
  listen(l: FabricListener): void {
    this.listeners.push(l);
  }

  isUp(node: number): boolean {
    return this.up[node] === true;
  }

  /** Both up and in the same component. */
  connected(a: number, b: number): boolean {
    return this.isUp(a) && this.isUp(b) && this.component[a] === this.component[b];
  }

  /** The up nodes that `node` can reach, itself included (empty when it is down). */
  reachableFrom(node: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.connected(node, i)) out.push(i);
    return out;
  }

  /** Connected components of up nodes, each sorted, ordered by their lowest node. */
  components(): number[][] {
    const seen = new Set<number>();
    const out: number[][] = [];
    for (let i = 0; i < this.size; i++) {
      if (!this.isUp(i) || seen.has(i)) continue;
      const c = this.reachableFrom(i);
      for (const n of c) seen.add(n);
      out.push(c);
    }
    return out;
  }

  crash(node: number, now: Micros): void {
    if (!this.isUp(node)) return;
    this.up[node] = false;
    this.emit({ kind: 'crash', node }, now);
  }

  /** A STONITH device powers `node` off (it stays off). */
  powerOff(node: number, by: number, now: Micros): void {
    if (!this.isUp(node)) return;
    this.up[node] = false;
    this.emit({ kind: 'fenced', node, by }, now);
  }

  /**
   * A crashed or fenced node is back (a repaired host booted): it is up again, in the component
   * it was in, and remembers nothing of the cluster (its membership layer starts afresh).
   */
  boot(node: number, now: Micros): void {
    if (this.isUp(node) || node < 0 || node >= this.size) return;
    this.up[node] = true;
    this.emit({ kind: 'boot', node }, now);
  }

  /** Splits the network: each listed group becomes a component; unlisted nodes stand alone. */
  partition(groups: readonly (readonly number[])[], now: Micros): void {
    for (let i = 0; i < this.size; i++) this.component[i] = groups.length + i;
    groups.forEach((g, k) => {
      for (const n of g) this.component[n] = k;
    });
    this.emit({ kind: 'partition', groups }, now);
  }

  /** Rejoins every component. */
  heal(now: Micros): void {
    this.component.fill(0);
    this.emit({ kind: 'heal' }, now);
  }

  private emit(change: FabricChange, now: Micros): void {
    for (const l of this.listeners) l(change, now);
  }
}
