import type { Micros } from '../engine/units';
import type { Packet } from '../net/packet';
import { JobQueue, type Workload } from './workload';

/**
 * The driver domain's CPU work, the one model of dom0 (ADR 0017): everything dom0 does runs on its
 * vCPU in the host's scheduler, in two queues.
 *
 * - `netback`: the per-packet work of every vif, VoIP packets and bulk batches alike, in arrival
 *   order (FIFO). Linux runs netback in softirq context (NAPI poll) and its kthreads, ahead of
 *   user space, so this queue goes first.
 * - `background`: the checkpoint work of the replication tool (libxl's save helper, a user-space
 *   process in dom0: map, copy and send each dirty page, then its per-checkpoint housekeeping). It
 *   runs when netback has nothing to do, so bulk traffic and VoIP packets delay checkpoints, and
 *   checkpoints take dom0 time the guests sharing dom0's core would otherwise get.
 */
export class Dom0Workload implements Workload {
  readonly netback = new JobQueue();
  readonly background = new JobQueue();
  /** CPU µs spent on each queue (for the tests and the timeline's story). */
  netbackUs = 0;
  backgroundUs = 0;

  remaining(): number {
    const n = this.netback.remaining();
    return n > 0 ? n : this.background.remaining();
  }

  run(now: Micros, dt: number): void {
    if (this.netback.remaining() > 0) {
      this.netbackUs += dt;
      return this.netback.run(now, dt);
    }
    if (this.background.remaining() > 0) {
      this.backgroundUs += dt;
      this.background.run(now, dt);
    }
  }

  /** Empties both queues (a crash), handing every packet still held to `onPacket`. */
  clear(onPacket: (p: Packet) => void): void {
    this.netback.clear(onPacket);
    this.background.clear(onPacket);
  }
}
