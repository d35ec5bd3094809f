import type { Simulator } from '../engine/simulator';
import { HbEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';

/** Tie-break for a miss mark: after a beat that arrives at the same microsecond (priority 0). */
const MISS_PRIORITY = 1;

export interface HeartbeatOptions {
  readonly keepalive: Micros;
  readonly warn: Micros;
  readonly dead: Micros;
  readonly latency: Micros;
}

/**
 * Linux-HA Heartbeat between two nodes: each sends a beat every keepalive; a node that hears
 * nothing from its peer for warntime logs a warning, for deadtime declares the peer dead.
 * Only the backup's verdict on the primary matters for failover.
 */
export class HeartbeatMonitor {
  private lastHeard: number;
  private token = 0;
  /** Once the pair has decided, nothing is left to watch: its beats end too. */
  private stopped = false;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly opts: HeartbeatOptions,
    private readonly primaryAlive: () => boolean,
    private readonly onDead: (now: Micros) => void,
    /** Whether a beat crosses the network now (a partition or a cut link loses it). */
    private readonly linkUp: (() => boolean) | undefined = undefined,
  ) {
    this.lastHeard = sim.now;
    this.arm();
    this.beat(0, sim.now);
    this.beat(1, sim.now);
  }

  private beat(node: 0 | 1, now: Micros): void {
    if (this.stopped || (node === 0 && !this.primaryAlive())) return;
    this.trace.add(now, TraceKind.Hb, node, HbEvent.BeatSent);
    if (node === 0) {
      if (this.linkUp && !this.linkUp()) {
        this.sim.at((now + this.opts.keepalive) as Micros, (t) => this.beat(node, t));
        return;
      }
      this.sim.at((now + this.opts.latency) as Micros, (t) => {
        this.trace.add(t, TraceKind.Hb, 1, HbEvent.BeatReceived);
        this.lastHeard = t;
        this.arm();
      });
    }
    this.sim.at((now + this.opts.keepalive) as Micros, (t) => this.beat(node, t));
  }

  private arm(): void {
    const token = ++this.token;
    // The k-th beat after the last one heard is due k keepalives later (the peer sends one per
    // keepalive and the link's latency is fixed); if it has not come by then, it is missed. The
    // mark fires after anything else at that instant (priority 1), so a beat arriving exactly on
    // time cancels it. Misses stop short of deadtime: that instant is the verdict.
    const misses = Math.floor(this.opts.dead / this.opts.keepalive);
    for (let k = 1; k <= misses; k++) {
      const at = this.lastHeard + k * this.opts.keepalive;
      if (at >= this.lastHeard + this.opts.dead) break;
      this.sim.at(
        at as Micros,
        (t) => {
          if (token === this.token) this.trace.add(t, TraceKind.Hb, 1, HbEvent.BeatMissed);
        },
        MISS_PRIORITY,
      );
    }
    this.sim.at((this.lastHeard + this.opts.warn) as Micros, (t) => {
      if (token === this.token) this.trace.add(t, TraceKind.Hb, 1, HbEvent.Warn);
    });
    this.sim.at((this.lastHeard + this.opts.dead) as Micros, (t) => {
      if (token !== this.token) return;
      this.token++;
      this.onDead(t);
    });
  }

  /**
   * Stops all timers, the beat loops too: once the backup has declared the primary dead the pair
   * has nothing left to watch. (The loops ran on, and after the takeover — the VM then active on
   * the watcher's own host — partition-fencing's lane drew beats "heard" from the fenced peer.)
   */
  stop(): void {
    this.token++;
    this.stopped = true;
  }
}
