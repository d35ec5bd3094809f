import type { Micros } from '../engine/units';
import { PacketKind, type Packet } from '../net/packet';
import { RTO_INITIAL, RTO_MAX } from '../probes/tcp-transfer';
import { every, packet, TCP_RTSP_BYTES, type StreamSetup } from './media-stream';
import { StreamReceiver } from './stream-receiver';
import { KERNEL_SEGMENT_US } from './tcp-listener';

/** IPv4 + TCP with timestamps: a pure ACK (40 B + 12 B). */
const TCP_ACK_BYTES = 52;

/**
 * A media stream over TCP towards the VM, RTSP-interleaved (RFC 2326 §10.12, RECORD: a client
 * pushes its media to the server): the mirror of TcpMediaStream. The client sends one segment per
 * period; the guest's kernel acknowledges each one (a segment's kernel CPU), and its application
 * reads the stream in order, paying `costUs` per segment: a segment lost on the way is sent again
 * when its retransmission timer expires (RFC 6298: 1 s initial, doubled at each expiry, 60 s
 * cap), and those behind it wait in the guest's receive queue (head-of-line blocking), so loss
 * becomes delay at the VM's application. Not modelled, as for the other direction: congestion
 * and receive windows (a media rate far below them).
 */
export class TcpMediaUpload {
  readonly rx: StreamReceiver;
  private readonly acked: Uint8Array[] = [];
  private readonly held = new Set<number>();
  private readonly firstSent: number[] = [];
  private next = 0;

  constructor(
    private readonly s: StreamSetup,
    /** The guest application's CPU per segment read (µs). */
    private readonly costUs: number,
    /** Client → VM. */
    private readonly up: (p: Packet) => void,
  ) {
    this.rx = new StreamReceiver(s.payloadBytes);
    every(s, (seq, now) => {
      this.rx.sent++;
      this.firstSent[seq] = now;
      this.transmit(seq, now, RTO_INITIAL);
    });
  }

  /** Guest CPU for a data segment: the kernel's receive and ACK plus the application's read. */
  get segmentCostUs(): number {
    return KERNEL_SEGMENT_US + this.costUs;
  }

  /**
   * The guest got segment `p` at `now` (after its CPU): its kernel answers with an ACK, and the
   * application reads every segment now in order. A duplicate (its ACK was lost) is acknowledged
   * again and read no more.
   */
  receive(p: Packet, now: Micros): Packet {
    const seq = p.seq;
    if (seq >= this.next && !this.held.has(seq)) {
      this.held.add(seq);
      while (this.held.delete(this.next)) {
        this.rx.deliver(this.firstSent[this.next] as number, now);
        this.next++;
      }
    }
    return packet(this.s, PacketKind.TcpAck, TCP_ACK_BYTES, seq, p.sentAt);
  }

  /** The client got the ACK of segment `seq`: its retransmission timer stops. */
  ack(seq: number): void {
    this.bit(seq, true);
  }

  private bit(seq: number, set: boolean): boolean {
    const page = (this.acked[seq >> 16] ??= new Uint8Array(1 << 16));
    if (set) page[seq & 0xffff] = 1;
    return page[seq & 0xffff] === 1;
  }

  private transmit(seq: number, now: number, rto: number): void {
    const sentAt = this.firstSent[seq] as number;
    this.up(packet(this.s, PacketKind.TcpData, this.s.payloadBytes + TCP_RTSP_BYTES, seq, sentAt));
    this.s.sim.at((now + rto) as Micros, (t) => {
      if (this.bit(seq, false) || t >= this.s.end) return;
      this.rx.retransmissions++;
      this.transmit(seq, t, Math.min(RTO_MAX, rto * 2));
    });
  }
}
