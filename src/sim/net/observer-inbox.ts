import type { Simulator } from '../engine/simulator';
import { CalendarQueue } from '../engine/calendar-queue';
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

export class ObserverInbox {
  /**
   * What is on its way, by arrival time, ties in the order posted (the order events would have
   * had): slot numbers into the columns below, reused through `free` (no object per packet).
   */
  private readonly posted = new CalendarQueue<number>();
  private readonly packets: (Packet | undefined)[] = [];
  private readonly froms: (NicOrigin | undefined)[] = [];
  private readonly queuedAts: number[] = [];
  private readonly leavesAts: number[] = [];
  private readonly free: number[] = [];
  private planned = -1;
  /** The flush's re-armable timer (Simulator.timer): an earlier flush moves it. */
  private readonly flushTimer: number;

  constructor(
    private readonly sim: Simulator,
    private readonly period: number,
    private readonly deliver: (p: Packet, at: Micros) => void,
    /** A packet lost in its host's crash before it left the NIC. */
    private readonly lost: (p: Packet) => void,
  ) {
    this.flushTimer = sim.timer((now) => this.flush(now));
  }

  /** `p` reaches its receiver at `at` (≥ now), having left `from`'s NIC (queued at `queuedAt`, gone at `leavesAt`). */
  post(p: Packet, at: number, from?: NicOrigin, queuedAt = 0, leavesAt = 0): void {
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.packets.length;
    this.packets[slot] = p;
    this.froms[slot] = from;
    this.queuedAts[slot] = queuedAt;
    this.leavesAts[slot] = leavesAt;
    this.posted.push(at, slot);
    const due = Math.ceil(at / this.period) * this.period;
    if (this.planned < 0 || due < this.planned) this.plan(due);
  }

  private plan(due: number): void {
    this.planned = due;
    this.sim.setTimer(this.flushTimer, due as Micros);
  }

  /**
   * Tells the receivers of every arrival up to now, in time order. The receivers only measure:
   * they post nothing while they are told, so what is due is fixed when the flush starts.
   */
  private flush(now: Micros): void {
    this.planned = -1;
    const posted = this.posted;
    while (posted.peekTime() <= now) {
      const at = posted.peekTime();
      const slot = posted.pop() as number;
      const p = this.packets[slot] as Packet;
      const from = this.froms[slot];
      this.packets[slot] = undefined;
      this.froms[slot] = undefined;
      this.free.push(slot);
      if (from?.lostInNic(this.queuedAts[slot] as number, this.leavesAts[slot] as number))
        this.lost(p);
      else this.deliver(p, at as Micros);
    }
    if (posted.size > 0) this.plan(Math.ceil(posted.peekTime() / this.period) * this.period);
  }
}
