import { HbEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';
import type { BackupSide } from '../replication/remus';
import { noFailoverTimes, type FailoverTimes, type FailoverView } from './failover';

/**
 * The backup side of a service VM whose takeover a cluster manager decides (Heartbeat or
 * Pacemaker over all hosts): it holds the last committed Remus epoch and the times of the
 * failover the run reports, but decides nothing itself — no checkpoint-stream timeout, no
 * two-node heartbeat. The manager fills in when the membership declared the node dead, when
 * the fence was confirmed, when the group started and when the clients followed the ARP.
 */
export class ManagedFailover implements BackupSide, FailoverView {
  committedEpoch = -1;
  firstCommitAt = Infinity;
  readonly times: FailoverTimes = noFailoverTimes();

  constructor(private readonly trace: TraceRecorder) {}

  onCheckpoint(_epoch: number, now: Micros): void {
    this.trace.add(now, TraceKind.Hb, 1, HbEvent.CheckpointReceived);
    if (now < this.firstCommitAt) this.firstCommitAt = now;
  }

  /** The active copy's host crashed (recorded; the membership notices it by its own timeouts). */
  onCrash(now: Micros): void {
    if (this.times.crash === Infinity) this.times.crash = now;
    this.trace.add(now, TraceKind.Hb, 0, HbEvent.Crash);
  }

  /** A planned shutdown: the cluster manager does not move a stopped guest (not modelled). */
  declareNow(_now: Micros): void {}

  /** The manager started the group elsewhere: the first such failover is the run's. */
  decided(declaredDead: Micros, fenced: Micros | undefined, primaryAlive: boolean): boolean {
    if (this.times.declaredDead !== Infinity) return false;
    this.times.declaredDead = declaredDead;
    this.times.falseFailover = primaryAlive;
    if (fenced !== undefined) this.times.fenced = fenced;
    return true;
  }
}
