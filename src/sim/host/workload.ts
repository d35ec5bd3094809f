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

/**
 * A FIFO of CPU jobs: packet processing in a guest (one job per packet in its RX ring) or in the
 * driver domain (netback work, checkpoint copies). A job's effect happens when its CPU time is
 * spent, so a descheduled VM's packets wait in its ring.
 *
 * With a `budget` above 1 the queue is served the way NAPI polls a ring (ADR 0021): a poll takes
 * the jobs waiting when it starts, at most `budget` of them (the NAPI weight, 64 in netback and
 * netfront), and the vCPU runs the poll as one piece of work; a job completes as soon as the CPU
 * time charged covers it, so jobs finish one after another inside the poll, and the jobs that
 * arrive meanwhile wait for the next poll — netfront reads the ring's producer index once when its
 * poll starts (xennet_poll). A `live` queue is netback's: its poll re-reads the ring for every
 * request while it has taken fewer than `budget` (xenvif_tx_build_gops loops on
 * RING_HAS_UNCONSUMED_REQUESTS, drivers/net/xen-netback/netback.c, Linux 3.14), so a job pushed
 * while a poll is under way joins it until the poll has taken `budget` jobs (ADR 0021 addendum 4).
 * The scheduler therefore plans one event per poll, not
 * one per packet: under load, when packets queue, the events per packet fall with the batch size,
 * as the interrupts per packet do in Linux.
 */
export class JobQueue implements Workload {
  // A job is an index into parallel arrays (no object per job): CPU still needed, the packet it
  // holds, and either its own completion or a kind the queue's owner handles (`onPacket`). The
  // jobs are [head, tail); the arrays are written in place and keep their size, so a queue that
  // fills and empties all run long allocates nothing once it has reached its largest backlog.
  private readonly left: number[] = [];
  private readonly packets: (Packet | undefined)[] = [];
  private readonly dones: (((now: Micros) => void) | undefined)[] = [];
  private readonly kinds: number[] = [];
  private head = 0;
  private tail = 0;
  /** End (exclusive) of the poll under way, and the CPU µs it still needs. */
  private pollEnd = 0;
  private pollLeft = 0;
  /** Where the poll under way started (it may take `budget` jobs from there). */
  private pollStart = 0;
  /** Completes a job pushed with `pushPacket` (set by the queue's owner: one handler, no closure per packet). */
  onPacket: (kind: number, p: Packet, now: Micros) => void = () => undefined;

  constructor(
    /** Jobs per poll (1: each job is its own piece of work). */
    private readonly budget = 1,
    /** Whether jobs pushed during a poll join it (netback) or wait for the next one (netfront). */
    private readonly live = false,
  ) {}

  /** Jobs waiting or in progress. */
  get length(): number {
    return this.tail - this.head;
  }

  /** Adds a job of `cost` µs; `done` runs when it completes. Returns true if the queue was empty. */
  push(cost: number, done: (now: Micros) => void, packet?: Packet): boolean {
    const wasEmpty = this.tail === this.head;
    this.add(cost, packet, done, 0);
    return wasEmpty;
  }

  /** Adds a job of `cost` µs for packet `p`; `onPacket(kind, p, now)` runs when it completes. */
  pushPacket(cost: number, kind: number, p: Packet): void {
    this.add(cost, p, undefined, kind);
  }

  private add(
    cost: number,
    p: Packet | undefined,
    done: ((now: Micros) => void) | undefined,
    kind: number,
  ): void {
    const i = this.tail++;
    this.left[i] = Math.max(1, cost);
    this.packets[i] = p;
    this.dones[i] = done;
    this.kinds[i] = kind;
    if (
      this.live &&
      this.head < this.pollEnd &&
      this.pollEnd === i &&
      i - this.pollStart < this.budget
    ) {
      this.pollEnd = i + 1;
      this.pollLeft += this.left[i] as number;
    }
  }

  /** CPU µs the poll under way still needs (a new poll starts when the last one is done). */
  remaining(): number {
    if (this.head >= this.pollEnd) this.startPoll();
    return this.pollLeft;
  }

  private startPoll(): void {
    const end = Math.min(this.tail, this.head + this.budget);
    let sum = 0;
    for (let i = this.head; i < end; i++) sum += this.left[i] as number;
    this.pollEnd = end;
    this.pollLeft = sum;
    this.pollStart = this.head;
  }

  run(now: Micros, dt: number): void {
    if (this.head >= this.pollEnd) this.startPoll();
    let time = dt;
    const left = this.left;
    while (time > 0 && this.head < this.pollEnd) {
      const i = this.head;
      const l = left[i] as number;
      const used = time < l ? time : l;
      left[i] = l - used;
      this.pollLeft -= used;
      time -= used;
      if (l - used > 0) break;
      const p = this.packets[i];
      const done = this.dones[i];
      const kind = this.kinds[i] as number;
      this.packets[i] = undefined;
      this.dones[i] = undefined;
      this.head++;
      this.compact();
      // A job that was given more than it needed ends the poll's charge for this step: what is
      // left of dt was the engine's rounding up to whole µs, as with one job per piece of work.
      if (this.budget === 1) time = 0;
      if (done) done(now);
      else this.onPacket(kind, p as Packet, now);
    }
    if (this.head >= this.pollEnd) this.pollLeft = 0;
  }

  /**
   * Starts again at index 0 when the queue is empty, or moves the jobs there once the consumed head
   * is three quarters of the arrays (each job is then moved a third of a time on average). The
   * move is a plain loop: Array.prototype.copyWithin takes V8's generic path on ordinary arrays,
   * an element at a time through property lookups, and was 5 % of a 4 000-stream run, whose
   * overloaded driver domain keeps thousands of jobs queued (CPU profile, ADR 0021 addendum 6).
   */
  private compact(): void {
    const h = this.head;
    if (h === this.tail) {
      this.head = this.tail = this.pollEnd = 0;
    } else if (h > 1024 && h > 3 * (this.tail - h)) {
      const n = this.tail - h;
      const { left, packets, dones, kinds } = this;
      for (let i = 0; i < n; i++) {
        left[i] = left[h + i] as number;
        packets[i] = packets[h + i];
        dones[i] = dones[h + i];
        kinds[i] = kinds[h + i] as number;
        // The moved job's old slot must not keep its packet and completion alive.
        packets[h + i] = undefined;
        dones[h + i] = undefined;
      }
      this.pollEnd -= h;
      this.pollStart -= h;
      this.head = 0;
      this.tail = n;
    }
  }

  /** Empties the queue, handing every packet still held to `onPacket` (a crash). */
  clear(onPacket: (p: Packet) => void): void {
    const end = this.tail;
    for (let i = this.head; i < end; i++) {
      const p = this.packets[i];
      this.packets[i] = undefined;
      this.dones[i] = undefined;
      if (p) onPacket(p);
    }
    this.head = 0;
    this.tail = 0;
    this.pollEnd = 0;
    this.pollLeft = 0;
  }
}

/**
 * A CPU burner at a target utilisation (lookbusy-like): demand accrues at `util` of real time
 * and is worked off whenever the vCPU runs. Under contention the backlog never empties, so the
 * burner is always runnable, as in the vSlicer testbed.
 *
 * Once `start`ed, the demand is topped up every `period` µs, lazily: the top-ups up to the clock
 * (inclusive) are added whenever the burner is asked or charged, so a busy burner costs no event;
 * only when its backlog runs out does it ask its host (`onIdle`) for a wake-up at the next top-up.
 * (It was an event per host per period: 3.6 M an hour, most of them for burners that were busy.)
 */
export class Burner implements Workload {
  private backlog = 0;
  /** The next top-up not yet added, µs (Infinity: not topping up — driven by `accrue`, or its host is down). */
  private nextTopUp = Infinity;
  private clock: { readonly now: number } = { now: 0 };
  private period = 0;
  /** Told when the backlog has run out, with the time of the next top-up (the host wakes the vCPU then). */
  onIdle: (at: number) => void = () => undefined;
  /** Set while it waits for the host's wake-up (the host clears it when it wakes the vCPU). */
  waiting = false;

  constructor(readonly util: number) {}

  /** Adds the demand of `dt` µs of wall time. Returns true if the burner had nothing to do before. */
  accrue(dt: number): boolean {
    const wasIdle = this.backlog <= 0;
    this.backlog += this.util * dt;
    return wasIdle && this.backlog > 0;
  }

  /** Tops the demand up every `period` µs from `at` on (the host is up). */
  start(at: number, period: number, clock: { readonly now: number }): void {
    this.nextTopUp = at;
    this.period = period;
    this.clock = clock;
    if (this.backlog <= 0) this.onIdle(at);
  }

  /** Stops topping up (the host is down); the backlog stays for when it is back. */
  stop(): void {
    this.nextTopUp = Infinity;
  }

  /** Adds every top-up due by now, one period's demand at a time (the sums of the per-period top-ups). */
  private catchUp(): void {
    const now = this.clock.now;
    while (this.nextTopUp <= now) {
      this.backlog += this.util * this.period;
      this.nextTopUp += this.period;
    }
  }

  remaining(): number {
    this.catchUp();
    return this.backlog > 0 ? Math.max(1, Math.ceil(this.backlog)) : 0;
  }

  run(_now: Micros, dt: number): void {
    this.catchUp();
    const wasBusy = this.backlog > 0;
    this.backlog -= dt;
    if (this.backlog < 1) this.backlog = 0;
    if (wasBusy && this.backlog === 0 && this.nextTopUp < Infinity) this.onIdle(this.nextTopUp);
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
