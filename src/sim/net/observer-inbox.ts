import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { Packet } from './packet';

/**
 * Coalesces deliveries to observers that only measure (the clients' RTP receivers): a packet's
 * arrival time is exact, but the receiver is told in one event per `period` µs, every arrival
 * since in time order (ADR 0021; Linux's timer slack does the same for timers that may run late).
 * A receiver that sends nothing back cannot tell: what it computes depends on the arrival times
 * it is given, not on when it is told, and the arrivals it is given are in the order separate
 * events would have delivered them (time, then the order they were sent). Anything that answers
 * (SIP clients, TCP) keeps an event per packet.
 */
/** Where a packet left a NIC: the receiver asks whether the host crashed before it left. */
export interface NicOrigin {
  lostInNic(queuedAt: number, leavesAt: number): boolean;
}

interface Posted {
  readonly p: Packet;
  readonly at: number;
  readonly from: NicOrigin | undefined;
  readonly queuedAt: number;
  readonly leavesAt: number;
}

export class ObserverInbox {
  private posted: Posted[] = [];
  private planned = -1;
  /** Bumped to cancel a planned flush that an earlier one replaced. */
  private token = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly period: number,
    private readonly deliver: (p: Packet, at: Micros) => void,
    /** A packet lost in its host's crash before it left the NIC. */
    private readonly lost: (p: Packet) => void,
  ) {}

  /** `p` reaches its receiver at `at` (≥ now), having left `from`'s NIC (queued at `queuedAt`, gone at `leavesAt`). */
  post(p: Packet, at: number, from?: NicOrigin, queuedAt = 0, leavesAt = 0): void {
    this.posted.push({ p, at, from, queuedAt, leavesAt });
    const due = Math.ceil(at / this.period) * this.period;
    if (this.planned < 0 || due < this.planned) this.plan(due);
  }

  private plan(due: number): void {
    this.planned = due;
    const token = ++this.token;
    this.sim.at(due as Micros, (now) => {
      if (token === this.token) this.flush(now);
    });
  }

  private flush(now: Micros): void {
    this.planned = -1;
    const due: Posted[] = [];
    const keep: Posted[] = [];
    let next = Infinity;
    for (const e of this.posted) {
      if (e.at <= now) due.push(e);
      else {
        keep.push(e);
        if (e.at < next) next = e.at;
      }
    }
    this.posted = keep;
    // Stable (Array.prototype.sort is, since ES2019): equal times keep the order they were
    // posted in, the order their events would have had.
    due.sort((a, b) => a.at - b.at);
    for (const e of due) {
      if (e.from?.lostInNic(e.queuedAt, e.leavesAt)) this.lost(e.p);
      else this.deliver(e.p, e.at as Micros);
    }
    if (next < Infinity) this.plan(Math.ceil(next / this.period) * this.period);
  }
}
