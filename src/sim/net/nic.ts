import type { Simulator } from '../engine/simulator';
import type { BitsPerSecond, Micros } from '../engine/units';
import { onWireBytes } from './ethernet';
import type { Packet } from './packet';

/**
 * One direction of a NIC port: a drop-tail FIFO of at most `limit` frames (queued or on the wire)
 * that serialises them at line rate, counting on-wire bytes. Back-to-back packets of a burst
 * leave one serialisation time apart. The caller drops what does not fit, naming the place.
 */
export class NicPort {
  /** When the wire is free, kept in fractional µs so back-to-back frames are not rounded up one by one. */
  private freeAt = 0;
  /** Frames queued or on the wire. */
  queued = 0;
  /** Packets sent through this port. */
  sent = 0;
  /** On-wire bytes sent. */
  wireBytes = 0;

  /** Most frames queued or on the wire at once. */
  peakQueued = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly rate: BitsPerSecond,
    /** Frames the queue holds, counting the one on the wire (queue-limits.ts). */
    readonly limit: number,
  ) {}

  /** Whether one more frame fits. */
  hasRoom(): boolean {
    return this.queued < this.limit;
  }

  /** Queues `p` if it fits (false if not: the caller drops it); `onSent` runs when its last bit is on the wire. */
  send(p: Packet, onSent: (p: Packet, now: Micros) => void): boolean {
    return this.sendWire(onWireBytes(p.bytes), (now) => onSent(p, now));
  }

  /** Queues a frame of `wire` on-wire bytes if it fits (the bulk path has no Packet objects). */
  sendWire(wire: number, onSent: (now: Micros) => void): boolean {
    if (!this.hasRoom()) return false;
    const start = Math.max(this.sim.now, this.freeAt);
    const done = start + (wire * 8 * 1_000_000) / this.rate;
    this.freeAt = done;
    this.sent++;
    this.queued++;
    if (this.queued > this.peakQueued) this.peakQueued = this.queued;
    this.wireBytes += wire;
    this.sim.at(Math.ceil(done) as Micros, (now) => {
      this.queued--;
      onSent(now);
    });
    return true;
  }
}
