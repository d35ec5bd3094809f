import type { Micros } from '../engine/units';
import type { Host } from '../host/host';
import { DropReason, PacketKind, type Packet } from '../net/packet';
import { every, packet, TCP_RTSP_BYTES, UDP_IP_BYTES, type StreamSetup } from './stream-setup';
import { StreamReceiver } from './stream-receiver';
import { TcpSegmentStream } from './tcp-segment-stream';
import { KERNEL_SEGMENT_US } from './tcp-listener';

/**
 * The VM's guest sends `p` once it gets the CPU for it (`costUs`); a VM that is down cannot,
 * and the packet ends there (its receiver counts it lost, as a stream's clock keeps ticking).
 */
function sendFromVm(s: StreamSetup, host: Host | undefined, costUs: number, p: Packet): void {
  const v = host?.vm(s.vm);
  if (!host || !host.alive || !v) return s.ledger.drop(p, DropReason.HostDown);
  if (v.state === 'offline') return s.ledger.drop(p, DropReason.VmDown);
  host.guestJob(s.vm, costUs, () => host.guestSend(p, s.vm), p);
}

/**
 * A media stream over UDP, either way. To the VM: a client sends datagrams, the guest reads them
 * at the UDP receive cost (udp.costUs) and the application's read is the arrival. From the VM:
 * the guest's timer sends one per period at `costUs` of CPU; the client receives it.
 */
export class UdpMediaStream {
  readonly rx: StreamReceiver;

  constructor(
    private readonly s: StreamSetup,
    toVm: boolean,
    costUs: number,
    /** Towards the VM (a client's uplink to the service address). */
    up: (p: Packet) => void,
    hostOf: () => Host | undefined,
  ) {
    this.rx = new StreamReceiver(s.payloadBytes);
    every(s, (seq, now) => {
      const p = packet(s, PacketKind.Udp, s.payloadBytes + UDP_IP_BYTES, seq, now);
      this.rx.sent++;
      if (toVm) up(p);
      else sendFromVm(s, hostOf(), costUs, p);
    });
  }

  /** The application (in the VM, or the client) got datagram `p`; the caller has delivered it. */
  arrive(p: Packet, now: Micros): void {
    this.rx.deliver(p.sentAt, now);
  }

  dropped(): void {
    this.rx.lose();
  }
}

/**
 * A streaming server in the VM sending its media over TCP, RTSP-interleaved (RFC 2326 §10.12,
 * PLAY): the guest sends each segment at `costUs` of CPU; the client acknowledges each one (the
 * ACK costs the guest's kernel a segment's CPU when it arrives). Retransmission and in-order
 * reading: TcpSegmentStream.
 */
export class TcpMediaStream extends TcpSegmentStream {
  constructor(
    s: StreamSetup,
    private readonly costUs: number,
    private readonly hostOf: () => Host | undefined,
    /** Client → VM (the ACKs). */
    private readonly up: (p: Packet) => void,
  ) {
    super(s);
  }

  /** Guest CPU of an ACK (the kernel's). */
  readonly ackCostUs = KERNEL_SEGMENT_US;

  /** The client got segment `p` (the caller has delivered it): it acknowledges it and reads. */
  arrive(p: Packet, now: Micros): void {
    this.up(packet(this.s, PacketKind.TcpAck, 52, p.seq, now));
    this.receive(p.seq, now);
  }

  protected emit(seq: number, sentAt: number): void {
    sendFromVm(
      this.s,
      this.hostOf(),
      this.costUs,
      packet(this.s, PacketKind.TcpData, this.s.payloadBytes + TCP_RTSP_BYTES, seq, sentAt),
    );
  }
}
