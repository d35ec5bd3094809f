import { rngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { ClusterFabric } from './fabric';
import type { HeartbeatConfig } from './heartbeat-config';

/**
 * Heartbeat (Linux-HA v1/v2) membership on N nodes. Every up node sends a heartbeat each
 * keepalive (from a per-node phase: nodes boot at different instants); a peer that hears
 * nothing from it for warntime logs a warning, for deadtime declares it dead, and before the
 * first heartbeat ever heard the limit is initdead. A heartbeat heard again from a node
 * declared dead brings it back; so does a node that boots after a repair (`boot`). Each node's view (itself and the peers it holds alive) goes to
 * the listener, usually a ResourceManager; Heartbeat has no quorum, so every view is quorate.
 *
 * Packets on the wire are counted per medium (heartbeat-config.ts): ucast sends one per peer,
 * bcast/mcast one per node; receptions count each packet a peer hears.
 */
export interface HeartbeatEvent {
  readonly at: Micros;
  readonly kind: 'warn' | 'dead' | 'back';
  readonly observer: number;
  readonly peer: number;
}

export type ViewListener = (
  node: number,
  members: ReadonlySet<number>,
  quorate: boolean,
  now: Micros,
) => void;

export class HeartbeatMembership {
  readonly events: HeartbeatEvent[] = [];
  /** Heartbeat packets put on the wire. */
  packetsSent = 0;
  /** Heartbeats heard (one per packet per receiving peer). */
  receptions = 0;
  private readonly n: number;
  // Per (observer, peer) pair, flat at observer·n + peer.
  private readonly lastHeard: Float64Array;
  private readonly heard: Uint8Array;
  private readonly dead: Uint8Array;
  private readonly warned: Uint8Array;
  private readonly deadCheck: Uint8Array;
  private readonly warnCheck: Uint8Array;
  /** When each node's heartbeat process started (the run's start, or its boot after a repair). */
  private readonly startedAt: Float64Array;
  /** Each node's life (bumped at a boot): a beat timer of an earlier life does nothing. */
  private readonly life: Uint32Array;

  constructor(
    private readonly sim: Simulator,
    private readonly fabric: ClusterFabric,
    private readonly cfg: HeartbeatConfig,
    /** One-way latency of the heartbeat network. */
    private readonly latency: Micros,
    private readonly seed: number,
    private readonly onView?: ViewListener,
  ) {
    this.n = fabric.size;
    const pairs = this.n * this.n;
    this.lastHeard = new Float64Array(pairs);
    this.heard = new Uint8Array(pairs);
    this.dead = new Uint8Array(pairs);
    this.warned = new Uint8Array(pairs);
    this.deadCheck = new Uint8Array(pairs);
    this.warnCheck = new Uint8Array(pairs);
    this.startedAt = new Float64Array(this.n);
    this.life = new Uint32Array(this.n);
    fabric.listen((change, now) => {
      if (change.kind === 'boot') this.boot(change.node, now);
    });
  }

  /** Starts every node's heartbeats and the initdead timers at `now`. */
  start(now: Micros): void {
    const rng = rngStream(this.seed, 'heartbeat-phase');
    for (let i = 0; i < this.n; i++) this.startNode(i, now, rng.int(0, this.cfg.keepalive - 1));
  }

  /** Node i's heartbeat process starts at `now`: beats from `phase` on, initdead for its peers. */
  private startNode(i: number, now: Micros, phase: number): void {
    this.startedAt[i] = now;
    const life = this.life[i] ?? 0;
    this.sim.at((now + phase) as Micros, (t) => this.beat(i, t, life));
    for (let j = 0; j < this.n; j++) {
      if (i === j) continue;
      this.deadCheck[this.pair(i, j)] = 1;
      this.sim.at((now + this.cfg.initdead) as Micros, (t) => this.checkDead(i, j, t));
    }
  }

  /**
   * Node i booted after a repair: Heartbeat starts afresh there. It has heard no one (its peers
   * get initdead, as at a cluster start) and beats at once; its peers, which declared it dead,
   * bring it back at its first heartbeat ('back', heartbeat.c's node status "active" again). At
   * initdead its own view goes to the listener (Heartbeat acquires resources only after it).
   */
  boot(i: number, now: Micros): void {
    this.life[i] = (this.life[i] ?? 0) + 1;
    for (let j = 0; j < this.n; j++) {
      const k = this.pair(i, j);
      this.lastHeard[k] = 0;
      this.heard[k] = 0;
      this.dead[k] = 0;
      this.warned[k] = 0;
      this.warnCheck[k] = 0;
    }
    this.startNode(i, now, 0);
    this.sim.at((now + this.cfg.initdead) as Micros, (t) => {
      if (this.fabric.isUp(i)) this.onView?.(i, this.view(i), true, t);
    });
  }

  /** `observer`'s view: itself and the peers it holds alive. */
  view(observer: number): Set<number> {
    const out = new Set<number>([observer]);
    for (let j = 0; j < this.n; j++)
      if (j !== observer && !this.dead[this.pair(observer, j)]) out.add(j);
    return out;
  }

  private pair(observer: number, peer: number): number {
    return observer * this.n + peer;
  }

  private beat(i: number, t: Micros, life: number): void {
    // A crashed or fenced node beats no more; a booted one runs its new life's timer only.
    if (!this.fabric.isUp(i) || life !== this.life[i]) return;
    this.packetsSent += this.cfg.medium === 'ucast' ? this.n - 1 : 1;
    for (let j = 0; j < this.n; j++) {
      if (j === i || !this.fabric.connected(i, j)) continue;
      this.sim.at((t + this.latency) as Micros, (at) => this.receive(j, i, at));
    }
    this.sim.at((t + this.cfg.keepalive) as Micros, (at) => this.beat(i, at, life));
  }

  private receive(j: number, i: number, t: Micros): void {
    if (!this.fabric.isUp(j)) return;
    const k = this.pair(j, i);
    this.receptions++;
    this.lastHeard[k] = t;
    this.heard[k] = 1;
    this.warned[k] = 0;
    if (this.dead[k]) {
      this.dead[k] = 0;
      this.record('back', j, i, t);
    }
    if (!this.deadCheck[k]) {
      this.deadCheck[k] = 1;
      this.sim.at((t + this.cfg.deadtime) as Micros, (at) => this.checkDead(j, i, at));
    }
    if (!this.warnCheck[k]) {
      this.warnCheck[k] = 1;
      this.sim.at((t + this.cfg.warntime) as Micros, (at) => this.checkWarn(j, i, at));
    }
  }

  private checkDead(j: number, i: number, t: Micros): void {
    const k = this.pair(j, i);
    this.deadCheck[k] = 0;
    if (!this.fabric.isUp(j) || this.dead[k]) return;
    const heard = this.heard[k] === 1;
    const base = heard ? (this.lastHeard[k] ?? 0) : (this.startedAt[j] ?? 0);
    const limit = heard ? this.cfg.deadtime : this.cfg.initdead;
    if (t - base >= limit) {
      this.dead[k] = 1;
      this.record('dead', j, i, t);
      return;
    }
    this.deadCheck[k] = 1;
    this.sim.at((base + limit) as Micros, (at) => this.checkDead(j, i, at));
  }

  private checkWarn(j: number, i: number, t: Micros): void {
    const k = this.pair(j, i);
    this.warnCheck[k] = 0;
    if (!this.fabric.isUp(j) || this.dead[k] || this.warned[k] || !this.heard[k]) return;
    const base = this.lastHeard[k] ?? 0;
    if (t - base >= this.cfg.warntime) {
      this.warned[k] = 1;
      this.events.push({ at: t, kind: 'warn', observer: j, peer: i });
      return;
    }
    this.warnCheck[k] = 1;
    this.sim.at((base + this.cfg.warntime) as Micros, (at) => this.checkWarn(j, i, at));
  }

  private record(kind: 'dead' | 'back', observer: number, peer: number, t: Micros): void {
    this.events.push({ at: t, kind, observer, peer });
    this.onView?.(observer, this.view(observer), true, t);
  }
}
