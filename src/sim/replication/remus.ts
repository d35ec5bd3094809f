import type { Simulator } from '../engine/simulator';
import { TraceKind, type TraceRecorder } from '../engine/trace';
import { bps, ms, transmitTime, us, type Bytes, type Micros } from '../engine/units';
import type { Host } from '../host/host';
import { PAGE_BYTES, type DirtyPageLog } from './dirty-pages';
import type { OutputBuffer } from './output-buffer';
import type { ReplicationParams } from './params';
/** Guest memory cap on the writable working set: a 1 GiB VoIP VM. */
export const GUEST_PAGES = 262_144;
/** Checkpoint framing per transfer (headers, vCPU context, device state). Estimate. */
export const CHECKPOINT_OVERHEAD_BYTES = 64 * 1024;
/** Backup's time to commit a received checkpoint before acknowledging. Estimate. */
export const COMMIT_TIME = us(200);

/** What the backup holds: the last committed epoch and when its stream was last heard. */
export interface BackupSide {
  committedEpoch: number;
  onCheckpoint: (epoch: number, now: Micros) => void;
}

/** How the primary's side sees the replication path (link and backup host). */
export interface ReplicationPath {
  /** The link carries traffic and the backup host is up. */
  up(): boolean;
  /** The primary gave up on its backup at `now` and runs unprotected (libxl's checkpoint failure). */
  lost(now: Micros): void;
}

const ALWAYS_UP: ReplicationPath = { up: () => true, lost: () => undefined };

/** One epoch's timing, for the timeline and the tests. */
export interface EpochRecord {
  readonly epoch: number;
  readonly suspend: number;
  readonly resume: number;
  readonly sent: number;
  readonly ack: number;
  readonly dirtyPages: number;
}

/**
 * Remus-style continuous checkpointing of the primary's VoIP VM. An epoch ends with a suspend:
 * the VM pauses while dirty pages are copied (pause = overhead + pages × copy time), resumes
 * speculatively, the checkpoint crosses the replication link, the backup commits and
 * acknowledges, and only then is that epoch's buffered output released (output commit).
 */
export class RemusReplicator {
  readonly buffer: OutputBuffer;
  /** Epoch the VM is running in now. */
  epoch = 0;
  /** Last epoch the backup acknowledged (as known at the primary). */
  ackedEpoch = -1;
  readonly epochs: EpochRecord[] = [];
  private epochStart: number;
  private packetsAtEpochStart = 0;
  private readonly linkRate;
  private readonly latency: Micros;
  /** The backup was given up (link cut or backup host down): no more checkpoints, output flows. */
  unprotectedAt = Infinity;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly primary: Host,
    /** The protected VM's id. */
    readonly vm: number,
    private readonly backup: BackupSide,
    private readonly params: ReplicationParams,
    buffer: OutputBuffer,
    /** Pages the VoIP application's state writes dirtied (bindings, transactions, sessions). */
    private readonly stateWrites: DirtyPageLog,
    private readonly path: ReplicationPath = ALWAYS_UP,
    /** How long the primary waits for an acknowledgement over a dead path before giving up (Remus's own timeout). */
    private readonly giveUpAfter: Micros = ms(1000),
    /** The first epoch (after a resynchronisation, one past the epochs the backup already holds). */
    firstEpoch = 0,
  ) {
    this.epoch = firstEpoch;
    this.ackedEpoch = firstEpoch - 1;
    this.buffer = buffer;
    this.linkRate = bps(params.linkGbps * 1e9);
    this.latency = ms(params.linkLatencyMs);
    this.epochStart = sim.now;
    primary.epochs[vm] = () => this.epoch;
    primary.outputStages[vm] = (p, now, send) => this.buffer.offer(p, now, send);
    sim.after(ms(params.intervalMs), (now) => this.suspend(now));
  }

  /**
   * Dirty pages of the epoch now ending, capped by memory: the kernel's base rate × length, the
   * network buffers of each packet handled, and the distinct pages the application's state writes
   * touched (taken here, so the next epoch starts with a clean set, as log-dirty's bitmap does).
   */
  private takeDirtyPages(now: number): number {
    const seconds = (now - this.epochStart) / 1e6;
    const packets = (this.primary.appPackets[this.vm] ?? 0) - this.packetsAtEpochStart;
    const pages =
      Math.ceil(this.params.dirtyPagesPerS * seconds + this.params.dirtyPagesPerPacket * packets) +
      this.stateWrites.take();
    return Math.min(GUEST_PAGES, pages);
  }

  private get vcpu() {
    return this.primary.vm(this.vm) as NonNullable<ReturnType<Host['vm']>>;
  }

  /** Whether checkpointing has stopped (primary down, or the backup given up). */
  private get stopped(): boolean {
    return !this.primary.alive || this.unprotectedAt !== Infinity;
  }

  /**
   * The guest crashed (kernel panic) but its domain is still there: Remus goes on checkpointing
   * the dead guest, so the backup holds the crash too and never takes over — Remus protects
   * against fail-stop host failures only.
   */
  guestDown = false;

  /** The backup has resumed the guest (a takeover): it reads no more of this stream. */
  private backupResumed = false;

  /**
   * The backup resumed the guest from its last committed checkpoint at `now`. From then on it
   * commits and acknowledges nothing of this stream (libxl's restore side stops reading the
   * stream at failover and resumes from the last complete checkpoint), so the primary releases
   * no output of a later epoch on an acknowledgement: the client never sees what the resumed copy
   * lacks. A primary still running (a false failover) finds its next checkpoint failing and gives
   * its backup up after its timeout, as with a cut link. A shut-down guest's held output is
   * discarded with it. (Found by test/sip-dialog.property.test.ts: a
   * checkpoint in flight at a planned shutdown was committed after the takeover, and its
   * release sent the client a 200 OK to an INVITE the new primary did not have.)
   */
  backupTookOver(now: Micros): void {
    this.backupResumed = true;
    if (this.guestDown && this.primary.alive) this.buffer.discard(now);
  }

  /**
   * The backup is unreachable: the primary stops checkpointing, releases what it held and runs
   * unprotected (libxl's Remus resumes the guest without replication when a checkpoint fails).
   */
  giveUp(now: Micros): void {
    if (this.unprotectedAt !== Infinity || !this.primary.alive) return;
    this.unprotectedAt = now;
    this.primary.epochs[this.vm] = () => -1;
    this.primary.outputStages[this.vm] = undefined;
    this.buffer.release(this.epoch, now, (p) => this.primary.toWire(p));
    if (!this.guestDown) this.primary.scheduler.resume(this.vcpu);
    this.path.lost(now);
  }

  /** Epoch k's checkpoint or its acknowledgement was lost: give up once the timeout from its resume runs out. */
  private brokenAt(k: number, resume: number): void {
    const at = Math.max(this.sim.now, resume + this.giveUpAfter) as Micros;
    this.sim.at(at, (g) => {
      if (this.ackedEpoch < k) this.giveUp(g);
    });
  }

  private suspend(now: Micros): void {
    if (this.stopped) return;
    const k = this.epoch;
    const pages = this.takeDirtyPages(now);
    if (!this.guestDown) this.primary.scheduler.pause(this.vcpu);
    this.trace.add(now, TraceKind.Pause, this.vm, pages);
    this.buffer.plug(k + 1);
    this.epoch = k + 1;
    this.packetsAtEpochStart = this.primary.appPackets[this.vm] ?? 0;
    const pause = us(ms(this.params.suspendMs) + pages * this.params.pageCopyUs);
    const resumeAt = (now + pause) as Micros;
    this.sim.at(resumeAt, (t) => {
      if (this.stopped) return;
      this.epochStart = t;
      if (!this.guestDown) this.primary.scheduler.resume(this.vcpu);
      const size = (pages * PAGE_BYTES + CHECKPOINT_OVERHEAD_BYTES) as Bytes;
      const onWire = t + transmitTime(size, this.linkRate);
      // dom0 maps, copies and sends the pages (behind netback); the last byte leaves when both
      // dom0 and the link are done with them. Then the tool's fixed per-checkpoint work.
      this.primary.dom0Background(pages * this.params.dom0PageCostUs, (sent) => {
        const sentAt = Math.max(onWire, sent) as Micros;
        this.sim.at((sentAt + this.latency) as Micros, (arrive) =>
          this.atBackup(k, now, t, sentAt, pages, arrive),
        );
      });
      this.primary.dom0Background(this.params.dom0CheckpointUs, () => undefined);
    });
  }

  private atBackup(
    k: number,
    suspend: number,
    resume: number,
    sent: number,
    pages: number,
    now: Micros,
  ): void {
    // A checkpoint whose transfer was cut by the crash is incomplete: the backup discards it.
    if (sent > this.primary.crashedAt) return;
    // One sent over a cut link, or to a dead backup, never arrives: the stream is broken, and the
    // primary gives the backup up when its timeout runs out.
    if (!this.path.up()) return this.brokenAt(k, resume);
    const commit = (now + COMMIT_TIME) as Micros;
    this.sim.at(commit, (t) => {
      // The backup runs the guest itself now and has closed the stream: the checkpoint fails.
      if (this.backupResumed) return this.brokenAt(k, resume);
      this.backup.committedEpoch = k;
      this.backup.onCheckpoint(k, t);
      this.sim.at((t + this.latency) as Micros, (ack) =>
        this.onAck(k, suspend, resume, sent, pages, t, ack),
      );
    });
  }

  private onAck(
    k: number,
    suspend: number,
    resume: number,
    sent: number,
    pages: number,
    commit: number,
    now: Micros,
  ): void {
    if (!this.primary.alive || this.unprotectedAt !== Infinity) return;
    if (!this.path.up()) return this.brokenAt(k, resume);
    this.ackedEpoch = k;
    this.epochs.push({ epoch: k, suspend, resume, sent, ack: now, dirtyPages: pages });
    this.trace.add(suspend, TraceKind.Epoch, this.vm, resume, sent, now);
    this.buffer.release(k, now, (p) => this.primary.toWire(p));
    // libxl: the interval timer starts after the backup commits; the old tool: max(interval, checkpoint time).
    const next =
      this.params.epochMode === 'libxl'
        ? commit + ms(this.params.intervalMs)
        : Math.max(suspend + ms(this.params.intervalMs), now);
    this.sim.at(Math.max(now, next) as Micros, (t) => this.suspend(t));
  }
}
