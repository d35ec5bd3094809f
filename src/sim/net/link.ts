import type { RngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { Packet } from './packet';

/**
 * A one-way path with a fixed delay plus a uniform random extra delay per packet (netem `delay`
 * without correlation or rate, so packets can reorder, as with netem).
 */
export class DelayLink {
  constructor(
    private readonly sim: Simulator,
    private readonly baseDelay: Micros,
    private readonly extraMax: Micros,
    private readonly rng: RngStream,
  ) {}

  /** Carries `p`, sent at `from` (now, or later: when a NIC puts it on the wire); `onArrive` runs at the far end. */
  send(p: Packet, onArrive: (p: Packet, now: Micros) => void, from: number = this.sim.now): void {
    this.sim.at(this.arrival(from) as Micros, (now) => onArrive(p, now));
  }

  /** When a packet sent at `from` reaches the far end (draws its random delay; no event). */
  arrival(from: number = this.sim.now): number {
    const extra = this.extraMax > 0 ? Math.round(this.rng.next() * this.extraMax) : 0;
    return from + this.baseDelay + extra;
  }
}
