import type { Micros } from '../engine/units';
import type { Packet } from '../net/packet';
import { JobQueue, NAPI_WEIGHT, type Workload } from './workload';

/**
 * How long netback may run on while the checkpoint tool waits before the tool gets a turn of the
 * same length: __do_softirq hands the rest of its work to ksoftirqd after MAX_SOFTIRQ_TIME = 2 ms
 * (Linux kernel/softirq.c), and CFS then shares dom0's vCPU between ksoftirqd and the tool's process.
 */
export const SOFTIRQ_TURN_US = 2000;

/**
 * The driver domain's CPU work, the one model of dom0 (ADR 0017): everything dom0 does runs on its
 * vCPU in the host's scheduler, in two queues.
 *
 * - `netback`: the per-packet work of every vif, VoIP packets and bulk polls alike, in arrival
 *   order (FIFO). Linux runs netback in softirq context (NAPI poll) ahead of user space, so this
 *   queue goes first, until it has run 2 ms on end while the tool waits (then ksoftirqd and the
 *   tool take 2 ms turns: under a saturating load each gets half).
 * - `background`: the checkpoint work of the replication tool (libxl's save helper, a user-space
 *   process in dom0: map, copy and send each dirty page, then its per-checkpoint housekeeping).
 *
 * So bulk traffic delays VoIP packets and checkpoints, and checkpoints take dom0 time the guests
 * sharing dom0's core would otherwise get.
 */
export class Dom0Workload implements Workload {
  /** Live: a packet queued while netback's poll runs joins that poll (see JobQueue). */
  readonly netback = new JobQueue(NAPI_WEIGHT, true);
  readonly background = new JobQueue();
  /** CPU µs spent on each queue. */
  netbackUs = 0;
  backgroundUs = 0;
  private turn: 'netback' | 'background' = 'netback';
  private turnLeft = SOFTIRQ_TURN_US;

  /** Whether both queues had work at the last `current()` (then the turns apply). */
  private both = false;

  /** The queue that runs now; sets `both`. Each queue is asked once (this runs at every charge and plan of dom0). */
  private current(): JobQueue {
    const bg = this.background.remaining();
    const nb = this.netback.remaining();
    this.both = bg > 0 && nb > 0;
    if (bg <= 0) {
      this.turn = 'netback';
      this.turnLeft = SOFTIRQ_TURN_US;
      return this.netback;
    }
    if (nb <= 0) return this.background;
    return this.turn === 'netback' ? this.netback : this.background;
  }

  remaining(): number {
    const r = this.current().remaining();
    return this.both ? Math.min(r, Math.max(1, this.turnLeft)) : r;
  }

  run(now: Micros, dt: number): void {
    const q = this.current();
    if (this.both) {
      this.turnLeft -= dt;
      if (this.turnLeft <= 0) {
        this.turn = this.turn === 'netback' ? 'background' : 'netback';
        this.turnLeft = SOFTIRQ_TURN_US;
      }
    }
    if (q === this.netback) this.netbackUs += dt;
    else this.backgroundUs += dt;
    q.run(now, dt);
  }

  /** Empties both queues (a crash), handing every packet still held to `onPacket`. */
  clear(onPacket: (p: Packet) => void): void {
    this.netback.clear(onPacket);
    this.background.clear(onPacket);
  }
}
