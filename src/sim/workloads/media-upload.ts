import type { Micros } from '../engine/units';
import { PacketKind, type Packet } from '../net/packet';
import { packet, TCP_RTSP_BYTES, type StreamSetup } from './stream-setup';
import { TcpSegmentStream } from './tcp-segment-stream';
import { KERNEL_SEGMENT_US } from './tcp-listener';

/** IPv4 + TCP with timestamps: a pure ACK (40 B + 12 B). */
const TCP_ACK_BYTES = 52;

/**
 * A media stream over TCP towards the VM, RTSP-interleaved (RFC 2326 §10.12, RECORD: a client
 * pushes its media to the server): the mirror of TcpMediaStream. The client sends one segment per
 * period; the guest's kernel acknowledges each one (a segment's kernel CPU), and its application
 * reads the stream in order, paying `costUs` per segment. Retransmission and in-order reading:
 * TcpSegmentStream.
 */
export class TcpMediaUpload extends TcpSegmentStream {
  constructor(
    s: StreamSetup,
    /** The guest application's CPU per segment read (µs). */
    private readonly costUs: number,
    /** Client → VM. */
    private readonly up: (p: Packet) => void,
  ) {
    super(s);
  }

  /** Guest CPU for a data segment: the kernel's receive and ACK plus the application's read. */
  get segmentCostUs(): number {
    return KERNEL_SEGMENT_US + this.costUs;
  }

  /**
   * The guest got segment `p` at `now` (after its CPU): the application reads what is now in
   * order, and the kernel answers with an ACK (again for a duplicate whose ACK was lost).
   */
  segment(p: Packet, now: Micros): Packet {
    this.receive(p.seq, now);
    return packet(this.s, PacketKind.TcpAck, TCP_ACK_BYTES, p.seq, p.sentAt);
  }

  protected emit(seq: number, sentAt: number): void {
    this.up(packet(this.s, PacketKind.TcpData, this.s.payloadBytes + TCP_RTSP_BYTES, seq, sentAt));
  }
}
