import type { Micros } from '../engine/units';
import type { Packet } from '../net/packet';

/** What a vCPU does with CPU time. */
export interface Workload {
  /** CPU µs the current job still needs; 0 when the vCPU has nothing to do (it blocks). */
  remaining(): number;
  /** Charges `dt` µs of CPU at `now`; completes the current job when its time is used up. */
  run(now: Micros, dt: number): void;
  /** The vCPU was switched in after another one (its caches are cold). */
  switchedIn?(): void;
}

/** Packets per NAPI poll: the default weight (NAPI_POLL_WEIGHT = 64, include/linux/netdevice.h; XENVIF_NAPI_WEIGHT in netback). */
export const NAPI_WEIGHT = 64;

interface Job {
  left: number;
  readonly packet: Packet | undefined;
  readonly done: (now: Micros) => void;
}

/**
 * A FIFO of CPU jobs: packet processing in a guest (one job per packet in its RX ring) or in the
 * driver domain (netback work, checkpoint copies). A job's effect happens when its CPU time is
 * spent, so a descheduled VM's packets wait in its ring.
 *
 * With a `budget` above 1 the queue is served the way NAPI polls a ring (ADR 0021): a poll takes
 * the jobs waiting when it starts, at most `budget` of them (the NAPI weight, 64 in netback and
 * netfront), and the vCPU runs the poll as one piece of work; a job completes as soon as the CPU
 * time charged covers it, so jobs finish one after another inside the poll, and the jobs that
 * arrive meanwhile wait for the next poll. The scheduler therefore plans one event per poll, not
 * one per packet: under load, when packets queue, the events per packet fall with the batch size,
 * as the interrupts per packet do in Linux.
 */
export class JobQueue implements Workload {
  private jobs: Job[] = [];
  private head = 0;
  /** End (exclusive) of the poll under way in `jobs`, and the CPU µs it still needs. */
  private pollEnd = 0;
  private pollLeft = 0;

  constructor(
    /** Jobs per poll (1: each job is its own piece of work). */
    private readonly budget = 1,
  ) {}

  /** Jobs waiting or in progress. */
  get length(): number {
    return this.jobs.length - this.head;
  }

  /** Adds a job of `cost` µs; `done` runs when it completes. Returns true if the queue was empty. */
  push(cost: number, done: (now: Micros) => void, packet?: Packet): boolean {
    const wasEmpty = this.length === 0;
    this.jobs.push({ left: Math.max(1, cost), packet, done });
    return wasEmpty;
  }

  /** CPU µs the poll under way still needs (a new poll starts when the last one is done). */
  remaining(): number {
    if (this.head >= this.pollEnd) this.startPoll();
    return this.pollLeft;
  }

  private startPoll(): void {
    const end = Math.min(this.jobs.length, this.head + this.budget);
    let left = 0;
    for (let i = this.head; i < end; i++) left += (this.jobs[i] as Job).left;
    this.pollEnd = end;
    this.pollLeft = left;
  }

  run(now: Micros, dt: number): void {
    if (this.head >= this.pollEnd) this.startPoll();
    let time = dt;
    while (time > 0 && this.head < this.pollEnd) {
      const j = this.jobs[this.head] as Job;
      const used = Math.min(time, j.left);
      j.left -= used;
      this.pollLeft -= used;
      time -= used;
      if (j.left > 0) break;
      this.jobs[this.head] = undefined as unknown as Job;
      this.head++;
      this.compact();
      // A job that was given more than it needed ends the poll's charge for this step: what is
      // left of dt was the engine's rounding up to whole µs, as with one job per piece of work.
      if (this.budget === 1) time = 0;
      j.done(now);
    }
    if (this.head >= this.pollEnd) this.pollLeft = 0;
  }

  /** Drops the consumed head of the array once it is most of it. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.pollEnd -= this.head;
      this.head = 0;
    }
  }

  /** Empties the queue, handing every packet still held to `onPacket` (a crash). */
  clear(onPacket: (p: Packet) => void): void {
    for (let i = this.head; i < this.jobs.length; i++) {
      const p = this.jobs[i]?.packet;
      if (p) onPacket(p);
    }
    this.jobs = [];
    this.head = 0;
    this.pollEnd = 0;
    this.pollLeft = 0;
  }
}

/**
 * A CPU burner at a target utilisation (lookbusy-like): demand accrues at `util` of real time
 * and is worked off whenever the vCPU runs. Under contention the backlog never empties, so the
 * burner is always runnable, as in the vSlicer testbed.
 */
export class Burner implements Workload {
  private backlog = 0;
  constructor(readonly util: number) {}

  /** Adds the demand of `dt` µs of wall time. Returns true if the burner had nothing to do before. */
  accrue(dt: number): boolean {
    const wasIdle = this.backlog <= 0;
    this.backlog += this.util * dt;
    return wasIdle && this.backlog > 0;
  }

  remaining(): number {
    return this.backlog > 0 ? Math.max(1, Math.ceil(this.backlog)) : 0;
  }

  run(_now: Micros, dt: number): void {
    this.backlog -= dt;
    if (this.backlog < 1) this.backlog = 0;
  }
}

/**
 * A guest VM's CPU work: packets from its RX ring first (the kernel serves the network before
 * user space), then its applications' reads of what the kernel queued on their sockets, then its
 * burner. A memory-bound burner makes no progress for `refillUs` after each switch-in while it
 * refills its cache (STREAM-like): smaller slices cost it throughput.
 */
export class VmWorkload implements Workload {
  /** Its netfront RX ring, polled NAPI-style (64 per poll, like netback). */
  readonly packets = new JobQueue(NAPI_WEIGHT);
  /** Reads waiting in user space, one per datagram on a socket (the UDP probe's receiver). */
  readonly reads = new JobQueue();
  /** Burner CPU time that made progress, µs. */
  progress = 0;
  /** Burner CPU time lost to cache refills, µs. */
  refillLost = 0;
  private refillLeft = 0;

  constructor(
    readonly burner: Burner | undefined,
    private readonly memoryBound: boolean,
    private readonly refillUs: number,
  ) {}

  remaining(): number {
    const p = this.packets.remaining();
    if (p > 0) return p;
    const r = this.reads.remaining();
    return r > 0 ? r : (this.burner?.remaining() ?? 0);
  }

  run(now: Micros, dt: number): void {
    if (this.packets.remaining() > 0) return this.packets.run(now, dt);
    if (this.reads.remaining() > 0) return this.reads.run(now, dt);
    if (!this.burner) return;
    const lost = Math.min(dt, this.refillLeft);
    this.refillLeft -= lost;
    this.refillLost += lost;
    this.progress += dt - lost;
    this.burner.run(now, dt);
  }

  switchedIn(): void {
    if (this.memoryBound) this.refillLeft = this.refillUs;
  }
}
