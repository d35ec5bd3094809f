import type { Simulator } from '../engine/simulator';
import { HbEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import type { BackupSide } from '../replication/remus';
import { HeartbeatMonitor } from './heartbeat';
import type { FailureParams } from './params';

/** When each step of a failover happened (µs; Infinity when it did not). */
export interface FailoverTimes {
  crash: number;
  declaredDead: number;
  takeover: number;
  arp: number;
  committedEpoch: number;
  /** The primary was still running when declared dead (a false failover: two copies run). */
  falseFailover: boolean;
  /** When the fence device confirmed the old primary off (µs; Infinity: no fencing). */
  fenced: number;
}

/** The survivor's view of its peer, beyond "is it running". */
export interface PeerAccess {
  /** Whether a beat or a checkpoint crosses the network between the two now. */
  readonly linkUp?: (() => boolean) | undefined;
  /** Whether the watching node itself is up: a dead backup decides nothing. */
  readonly watcherUp?: (() => boolean) | undefined;
  /** STONITH: power the peer off (called once the fence delay has passed); undefined: no fencing. */
  readonly fence?: ((now: Micros) => void) | undefined;
}

/** The times of a failover that has not happened (yet): every step at Infinity. */
export function noFailoverTimes(): FailoverTimes {
  return {
    crash: Infinity,
    declaredDead: Infinity,
    takeover: Infinity,
    arp: Infinity,
    committedEpoch: -1,
    falseFailover: false,
    fenced: Infinity,
  };
}

/**
 * Failure detection and takeover on the backup node. Detector: Remus's own (no checkpoint for
 * the timeout ⇒ primary dead; armed by the first checkpoint) or Heartbeat. On declaring the
 * primary dead the backup resumes the VM from the last committed checkpoint, then sends a
 * gratuitous ARP so that clients' traffic follows.
 */
export class FailoverController implements BackupSide {
  committedEpoch = -1;
  /** When the backup committed its first checkpoint (µs; Infinity: none yet). */
  firstCommitAt = Infinity;
  readonly times: FailoverTimes = noFailoverTimes();
  private token = 0;
  private heartbeat: HeartbeatMonitor | undefined;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly params: FailureParams,
    private readonly linkLatency: Micros,
    private readonly primaryAlive: () => boolean,
    private readonly takeover: (committedEpoch: number, now: Micros) => void,
    private readonly arp: (now: Micros) => void,
    private readonly peer: PeerAccess = {},
  ) {
    if (params.detector === 'heartbeat') {
      this.heartbeat = new HeartbeatMonitor(
        sim,
        trace,
        {
          keepalive: ms(params.keepaliveMs),
          warn: ms(params.warnMs),
          dead: ms(params.deadMs),
          latency: linkLatency,
        },
        primaryAlive,
        (now) => this.declareDead(now),
        peer.linkUp,
      );
    }
  }

  /** A committed checkpoint arrived (the checkpoint-stream detector re-arms). */
  onCheckpoint(_epoch: number, now: Micros): void {
    this.trace.add(now, TraceKind.Hb, 1, HbEvent.CheckpointReceived);
    if (now < this.firstCommitAt) this.firstCommitAt = now;
    if (this.params.detector !== 'checkpoint' || this.times.declaredDead !== Infinity) return;
    const token = ++this.token;
    this.sim.at((now + ms(this.params.detectMs)) as Micros, (t) => {
      if (token === this.token) this.declareDead(t);
    });
  }

  /** The primary host crashed (recorded for the lane; detection is by timeout only). */
  onCrash(now: Micros): void {
    // The first crash is the one this failover answers; a later one (of the new primary) is traced only.
    if (this.times.crash === Infinity) this.times.crash = now;
    this.trace.add(now, TraceKind.Hb, 0, HbEvent.Crash);
  }

  /** A planned move: the cluster manager knows the primary stopped and takes over at once. */
  declareNow(now: Micros): void {
    this.declareDead(now);
  }

  private declareDead(now: Micros): void {
    if (this.times.declaredDead !== Infinity) return;
    if (this.peer.watcherUp && !this.peer.watcherUp()) return;
    this.heartbeat?.stop();
    this.token++;
    this.times.declaredDead = now;
    this.times.falseFailover = this.primaryAlive();
    this.trace.add(now, TraceKind.Hb, 1, HbEvent.DeclaredDead, this.times.falseFailover ? 1 : 0);
    const fence = this.peer.fence;
    if (!fence) return this.resume(now);
    // STONITH before takeover: the peer is powered off first, so two copies never run.
    this.sim.at((now + ms(this.params.fenceMs)) as Micros, (f) => {
      this.times.fenced = f;
      this.trace.add(f, TraceKind.Hb, 1, HbEvent.Fenced);
      fence(f);
      this.resume(f);
    });
  }

  private resume(now: Micros): void {
    this.sim.at((now + ms(this.params.resumeMs)) as Micros, (t) => {
      if (this.peer.watcherUp && !this.peer.watcherUp()) return;
      this.times.takeover = t;
      this.times.committedEpoch = this.committedEpoch;
      this.trace.add(t, TraceKind.Hb, 1, HbEvent.Takeover, this.committedEpoch);
      this.takeover(this.committedEpoch, t);
      this.sim.at((t + ms(this.params.arpDelayMs)) as Micros, (a) => {
        this.times.arp = a;
        this.trace.add(a, TraceKind.Hb, 1, HbEvent.GratuitousArp);
        this.arp(a);
      });
    });
  }
}

/** What the summary reads of a failover: none happened when the VM is unprotected. */
export interface FailoverView {
  readonly times: FailoverTimes;
  readonly committedEpoch: number;
  readonly firstCommitAt: number;
}
export const NO_FAILOVER: FailoverView = {
  times: noFailoverTimes(),
  committedEpoch: -1,
  firstCommitAt: Infinity,
};
