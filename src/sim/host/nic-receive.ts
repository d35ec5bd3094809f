import { CalendarQueue } from '../engine/calendar-queue';
import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import { onWireBytes } from '../net/ethernet';
import type { NicPort } from '../net/nic';
import { DropReason, type Packet, type PacketLedger } from '../net/packet';
import { PacketFifo } from '../net/packet-fifo';
import { NIC_RX_DESCRIPTORS } from '../net/queue-limits';

/**
 * A host NIC's receive side (ADR 0021): frames towards the host wait in an inbound heap by
 * arrival time, not as events; the NIC raises an interrupt at most every `irqGap` µs (interrupt
 * moderation), and each interrupt passes what has arrived through the line in arrival order (the
 * LAN's queue towards the NIC, `NicPort.admitAt`) and hands every frame that has landed to
 * netback, as long as an RX descriptor is free (none is while dom0 is behind).
 */
export class NicReceive {
  private readonly inbound = new CalendarQueue<Packet>();
  /** Frames through the line, oldest first, each with when it lands in the RX ring. */
  private readonly landing = new PacketFifo();
  private lastIrq = -Infinity;
  /** When the next interrupt is planned (Infinity: none). */
  private nextIrq = Infinity;
  /** The interrupt's re-armable timer (Simulator.timer): an earlier interrupt moves it. */
  private readonly irq: number;
  /** Frames handed to netback and not yet done (they hold RX descriptors). */
  private pending = 0;
  /** Most frames that waited for dom0 at once (≤ NIC_RX_DESCRIPTORS). */
  peakPending = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    /** The LAN's queue towards the NIC and the line. */
    private readonly line: NicPort,
    private readonly lineBps: number,
    /** Least time between two interrupts, µs (0: one per frame). */
    private readonly irqGap: number,
    /** Hands a landed frame to netback. */
    private readonly toNetback: (p: Packet) => void,
  ) {
    this.irq = sim.timer((now) => this.interrupt(now));
  }

  /** A frame reaches the NIC at `at` (≥ now). */
  arrive(p: Packet, at: number): void {
    this.inbound.push(at, p);
    // It cannot land before the line has carried it.
    this.plan(at + (onWireBytes(p.bytes) * 8 * 1_000_000) / this.lineBps);
  }

  /** Netback is done with a frame: its descriptor is free again. */
  done(): void {
    this.pending--;
  }

  /** The host crashed at `now`: what had arrived is lost with it, what is still on its way finds it down. */
  crash(now: number): void {
    this.landing.clear((p) => this.ledger.drop(p, DropReason.HostCrash));
    while (this.inbound.size > 0) {
      const arrived = this.inbound.peekTime();
      const p = this.inbound.pop() as Packet;
      // Dropped now, not when it arrives: a repair takes seconds, far longer than any link delay.
      this.ledger.drop(p, arrived <= now ? DropReason.HostCrash : DropReason.HostDown);
    }
    this.pending = 0;
    this.sim.clearTimer(this.irq);
    this.nextIrq = Infinity;
  }

  /** Plans the interrupt for a frame that lands at `landsAt` at the earliest (moderated). */
  private plan(landsAt: number): void {
    const when = Math.max(Math.ceil(landsAt), this.lastIrq + this.irqGap, this.sim.now);
    if (when >= this.nextIrq) return;
    this.nextIrq = when;
    this.sim.setTimer(this.irq, when as Micros);
  }

  /** A landed frame takes an RX descriptor and goes to netback, or is dropped when none is free. */
  private readonly land = (p: Packet): void => {
    if (this.pending >= NIC_RX_DESCRIPTORS) return this.ledger.drop(p, DropReason.NicRxRingFull);
    this.pending++;
    if (this.pending > this.peakPending) this.peakPending = this.pending;
    this.toNetback(p);
  };

  private interrupt(now: Micros): void {
    this.nextIrq = Infinity;
    this.lastIrq = now;
    const inbound = this.inbound;
    while (inbound.peekTime() <= now) {
      const arrived = inbound.peekTime();
      const p = inbound.pop() as Packet;
      const lands = this.line.admitAt(arrived, onWireBytes(p.bytes));
      if (lands < 0) this.ledger.drop(p, DropReason.LanQueueFull);
      else this.landing.push(p, lands);
    }
    const l = this.landing;
    let landed = 0;
    while (landed < l.length && l.valueAt(landed) <= now) landed++;
    l.takeFront(landed, this.land);
    if (l.length > 0) this.plan(l.valueAt(0));
    if (inbound.size > 0) this.plan(inbound.peekTime());
  }
}
