import type { Simulator } from '../engine/simulator';
import type { Bytes, Micros } from '../engine/units';
import type { Host } from '../host/host';
import { DropReason, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { RTO_INITIAL, RTO_MAX } from '../probes/tcp-transfer';
import { StreamReceiver } from './stream-receiver';
import { KERNEL_SEGMENT_US } from './tcp-listener';

/** UDP 8 B + IPv4 20 B around a datagram's payload. */
export const UDP_IP_BYTES = 28;
/** IPv4 + TCP with timestamps (52 B) + RTSP's interleaved-frame header, '$', channel, length (4 B, RFC 2326 §10.12). */
export const TCP_RTSP_BYTES = 56;

/** What every stream shares: its timing and where its packets go. */
export interface StreamSetup {
  readonly sim: Simulator;
  readonly ledger: PacketLedger;
  readonly vm: number;
  readonly client: number;
  readonly payloadBytes: number;
  /** Packets per second. */
  readonly rate: number;
  readonly start: Micros;
  readonly end: Micros;
}

/** Sends a packet every 1/rate s from `start` until `end`, sequence numbers from 0. */
export function every(s: StreamSetup, tick: (seq: number, now: Micros) => void): void {
  let next = s.start as number;
  let seq = 0;
  const go = () => {
    const now = Math.round(next) as Micros;
    if (now >= s.end) return;
    tick(seq++, now);
    next += 1e6 / s.rate;
    s.sim.at(Math.max(now, Math.round(next)) as Micros, go);
  };
  s.sim.at(s.start, go);
}

/**
 * The VM's guest sends `p` once it gets the CPU for it (`costUs`); a VM that is down cannot,
 * and the packet ends there (its receiver counts it lost, as a stream's clock keeps ticking).
 */
function sendFromVm(s: StreamSetup, host: Host | undefined, costUs: number, p: Packet): void {
  const v = host?.vm(s.vm);
  if (!host || !host.alive || !v || v.state === 'offline')
    return s.ledger.drop(p, DropReason.HostDown);
  host.guestJob(s.vm, costUs, () => host.guestSend(p, s.vm), p);
}

export const packet = (
  s: StreamSetup,
  kind: PacketKind,
  bytes: number,
  seq: number,
  sentAt: number,
) =>
  s.ledger.create({
    kind,
    bytes: bytes as Bytes,
    tcp: kind !== PacketKind.Udp,
    vm: s.vm,
    client: s.client,
    flow: 0,
    seq,
    sentAt: sentAt as Micros,
  });

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
 * A streaming server in the VM sending its media over TCP, RTSP-interleaved (RFC 2326 §10.12):
 * every segment is delivered, in order — a lost one is sent again when its retransmission timer
 * expires (RFC 6298: 1 s, the floor any LAN round trip rounds up to, doubled at each expiry), and
 * the segments behind it wait at the receiver (head-of-line blocking): loss becomes delay. The
 * client acknowledges each segment (the ACK costs the guest's kernel a segment's CPU when it
 * arrives). Not modelled: the congestion and receive windows (a media rate far below them).
 */
export class TcpMediaStream {
  readonly rx: StreamReceiver;
  private readonly acked: Uint8Array[] = [];
  private readonly held = new Set<number>();
  private readonly firstSent: number[] = [];
  private next = 0;

  constructor(
    private readonly s: StreamSetup,
    private readonly costUs: number,
    private readonly hostOf: () => Host | undefined,
    /** Client → VM (the ACKs). */
    private readonly up: (p: Packet) => void,
  ) {
    this.rx = new StreamReceiver(s.payloadBytes);
    every(s, (seq, now) => {
      this.rx.sent++;
      this.firstSent[seq] = now;
      this.transmit(seq, now, RTO_INITIAL);
    });
  }

  /** Guest CPU of an ACK (the kernel's). */
  readonly ackCostUs = KERNEL_SEGMENT_US;

  /** The client got segment `p` (the caller has delivered it): in order, or held behind a gap. */
  arrive(p: Packet, now: Micros): void {
    const seq = p.seq;
    this.up(packet(this.s, PacketKind.TcpAck, 52, seq, now));
    if (seq < this.next || this.held.has(seq)) return; // a duplicate
    this.held.add(seq);
    while (this.held.delete(this.next)) {
      this.rx.deliver(this.firstSent[this.next] as number, now);
      this.next++;
    }
  }

  /** The guest's kernel read the ACK of segment `seq`. */
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
    sendFromVm(
      this.s,
      this.hostOf(),
      this.costUs,
      packet(this.s, PacketKind.TcpData, this.s.payloadBytes + TCP_RTSP_BYTES, seq, sentAt),
    );
    this.s.sim.at((now + rto) as Micros, (t) => {
      if (this.bit(seq, false) || t >= this.s.end) return;
      this.rx.retransmissions++;
      this.transmit(seq, t, Math.min(RTO_MAX, rto * 2));
    });
  }
}
