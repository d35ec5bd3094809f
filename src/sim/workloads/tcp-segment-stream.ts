import type { Micros } from '../engine/units';
import { RTO_INITIAL, RTO_MAX } from '../probes/tcp-transfer';
import { every, type StreamSetup } from './stream-setup';
import { StreamReceiver } from './stream-receiver';

/**
 * What both directions of an RTSP-interleaved TCP media stream share: one segment per period,
 * each resent at its RFC 6298 expiries (1 s initial, doubled each time, 60 s cap) until its ACK
 * came back, and a receiver that reads in order, holding what arrives behind a gap
 * (head-of-line blocking: loss becomes delay). Not modelled: congestion and receive windows (a
 * media rate far below them). The sending side is the subclass's: from the VM or to it.
 */
export abstract class TcpSegmentStream {
  readonly rx: StreamReceiver;
  private readonly acked: Uint8Array[] = [];
  private readonly held = new Set<number>();
  private readonly firstSent: number[] = [];
  private next = 0;

  constructor(protected readonly s: StreamSetup) {
    this.rx = new StreamReceiver(s.payloadBytes);
    every(s, (seq, now) => {
      this.rx.sent++;
      this.firstSent[seq] = now;
      this.transmit(seq, now, RTO_INITIAL);
    });
  }

  /** Puts one copy of segment `seq`, first sent at `sentAt`, on its way. */
  protected abstract emit(seq: number, sentAt: number): void;

  /** The receiving application got segment `seq` at `now`: it reads every segment now in order. */
  protected receive(seq: number, now: Micros): void {
    if (seq < this.next || this.held.has(seq)) return; // a duplicate (its ACK was lost)
    this.held.add(seq);
    while (this.held.delete(this.next)) {
      this.rx.deliver(this.firstSent[this.next] as number, now);
      this.next++;
    }
  }

  /** The sender read the ACK of segment `seq`: its retransmission timer stops. */
  ack(seq: number): void {
    this.bit(seq, true);
  }

  private bit(seq: number, set: boolean): boolean {
    const page = (this.acked[seq >> 16] ??= new Uint8Array(1 << 16));
    if (set) page[seq & 0xffff] = 1;
    return page[seq & 0xffff] === 1;
  }

  private transmit(seq: number, now: number, rto: number): void {
    this.emit(seq, this.firstSent[seq] as number);
    this.s.sim.at((now + rto) as Micros, (t) => {
      if (this.bit(seq, false) || t >= this.s.end) return;
      this.rx.retransmissions++;
      this.transmit(seq, t, Math.min(RTO_MAX, rto * 2));
    });
  }
}
