import type { Simulator } from '../engine/simulator';
import { transmitTime, type BitsPerSecond, type Micros } from '../engine/units';
import { onWireBytes } from './ethernet';
import type { Packet } from './packet';

/**
 * One direction of a NIC port: a FIFO that serialises packets at line rate, counting on-wire
 * bytes. Back-to-back packets of a burst leave one serialisation time apart.
 */
export class NicPort {
  private freeAt = 0 as Micros;
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
    const wire = onWireBytes(p.bytes);
    const start = Math.max(this.sim.now, this.freeAt);
    const done = (start + transmitTime(wire, this.rate)) as Micros;
    this.freeAt = done;
    this.sent++;
    this.wireBytes += wire;
    this.sim.at(done, (now) => onSent(p, now));
  }
}
