import type { Simulator } from '../engine/simulator';
import type { BitsPerSecond, Micros } from '../engine/units';
import { onWireBytes } from './ethernet';
import type { Packet } from './packet';

/**
 * One direction of a NIC port: a FIFO that serialises packets at line rate, counting on-wire
 * bytes. Back-to-back packets of a burst leave one serialisation time apart.
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

  constructor(
    private readonly sim: Simulator,
    private readonly rate: BitsPerSecond,
  ) {}

  /** Queues `p`; `onSent` runs when its last bit is on the wire. */
  send(p: Packet, onSent: (p: Packet, now: Micros) => void): void {
    this.sendWire(onWireBytes(p.bytes), (now) => onSent(p, now));
  }

  /** Queues a frame of `wire` on-wire bytes (the bulk path has no Packet objects). */
  sendWire(wire: number, onSent: (now: Micros) => void): void {
    const start = Math.max(this.sim.now, this.freeAt);
    const done = start + (wire * 8 * 1_000_000) / this.rate;
    this.freeAt = done;
    this.sent++;
    this.queued++;
    this.wireBytes += wire;
    this.sim.at(Math.ceil(done) as Micros, (now) => {
      this.queued--;
      onSent(now);
    });
  }
}
