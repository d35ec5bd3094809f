import type { Simulator } from '../engine/simulator';
import type { BitsPerSecond, Micros } from '../engine/units';
import { onWireBytes } from './ethernet';
import type { Packet } from './packet';

/**
 * One direction of a NIC port: a drop-tail FIFO of at most `limit` frames (queued or on the wire)
 * that serialises them at line rate, counting on-wire bytes. Back-to-back packets of a burst
 * leave one serialisation time apart. The caller drops what does not fit, naming the place.
 *
 * A frame is an entry in the port's FIFO of departure times, not an event: `admit` says when the
 * frame's last bit leaves, and the occupancy is counted from the departure times still ahead
 * (ADR 0021). `send` adds an event at the departure for callers that act then.
 */
export class NicPort {
  /** When the wire is free, kept in fractional µs so back-to-back frames are not rounded up one by one. */
  private freeAt = 0;
  /**
   * Departure times (whole µs) of the frames queued or on the wire, oldest first: a ring of
   * `limit` slots from `head`, `count` of them in use. The port never holds more than `limit`
   * frames, so the ring never overflows and its memory does not grow with the frames sent (a
   * growing array was 4 % of the cluster bench's profile).
   */
  private readonly departures: Float64Array;
  private head = 0;
  private count = 0;
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
  ) {
    this.departures = new Float64Array(Math.max(1, limit));
  }

  /** Forgets the frames whose last bit left by `at`. */
  private expire(at: number): void {
    const d = this.departures;
    const size = d.length;
    while (this.count > 0 && (d[this.head] as number) <= at) {
      this.head = this.head + 1 === size ? 0 : this.head + 1;
      this.count--;
    }
  }

  /** Frames queued or on the wire now. */
  get queued(): number {
    this.expire(this.sim.now);
    return this.count;
  }

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
    const at = this.admit(wire);
    if (at < 0) return false;
    this.sim.at(at as Micros, onSent);
    return true;
  }

  /**
   * Queues a frame of `wire` on-wire bytes if it fits and returns when its last bit leaves (whole
   * µs), or -1 when the queue is full. No event: the caller acts on the time.
   */
  admit(wire: number): number {
    return this.admitAt(this.sim.now, wire);
  }

  /**
   * `admit` for a frame that reached the port at `at` (≤ now), told late: callers give frames in
   * the order they arrived, so the queue is counted as it stood at `at`.
   */
  admitAt(at: number, wire: number): number {
    this.expire(at);
    const queued = this.count;
    if (queued >= this.limit) return -1;
    const start = Math.max(at, this.freeAt);
    const done = start + (wire * 8 * 1_000_000) / this.rate;
    this.freeAt = done;
    this.sent++;
    this.wireBytes += wire;
    if (queued + 1 > this.peakQueued) this.peakQueued = queued + 1;
    const leaves = Math.ceil(done);
    const d = this.departures;
    let tail = this.head + queued;
    if (tail >= d.length) tail -= d.length;
    d[tail] = leaves;
    this.count = queued + 1;
    return leaves;
  }
}
