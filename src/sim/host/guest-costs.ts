import { PacketKind, type Packet, type PacketLedger } from '../net/packet';

/** Per-packet guest CPU costs by packet kind. */
export interface GuestCosts {
  readonly relayUs: number;
  readonly sipUs: number;
  readonly pingUs: number;
  readonly udpUs: number;
  readonly webUs: number;
  readonly webResponseBytes: number;
  readonly tcpUs: number;
  /**
   * Servers of the workloads (src/sim/workloads): when one owns a packet, it prices it and
   * answers it instead of the built-in web probe and TCP sink.
   */
  readonly server?: GuestServer | undefined;
}

/** A guest-side server a workload installs (the web workload's listen socket). */
export interface GuestServer {
  owns(p: Packet): boolean;
  costOf(p: Packet): number;
  /** The reply after the guest spent its CPU, or undefined (the packet ends there). */
  reply(p: Packet, vm: number): Packet | undefined;
}

/**
 * The guest kernel's share of a UDP datagram (netfront poll, UDP demultiplexing to the socket):
 * udp.costUs is one estimate for the whole receive, so the kernel takes the engine's smallest step
 * and the application's read the rest — the datagram still costs udp.costUs in all.
 */
export const KERNEL_UDP_US = 1;

/** TCP ACK: 40 B of IP + TCP headers (+ 12 B of timestamps). */
const TCP_ACK_BYTES = 52;

/** Guest CPU to handle one packet of this kind. */
export function guestCostOf(p: Packet, costs: GuestCosts): number {
  if (costs.server?.owns(p)) return costs.server.costOf(p);
  switch (p.kind) {
    case PacketKind.Rtp:
      return costs.relayUs;
    case PacketKind.Icmp:
      return costs.pingUs;
    case PacketKind.Udp:
    case PacketKind.SipTcpControl:
      return KERNEL_UDP_US;
    case PacketKind.HttpRequest:
      return costs.webUs;
    case PacketKind.TcpData:
      return costs.tcpUs;
    default:
      return costs.sipUs;
  }
}

/** A reply of `kind` and `bytes` to `p`, from `vm`. */
function replyTo(
  ledger: PacketLedger,
  p: Packet,
  vm: number,
  kind: PacketKind,
  bytes: number,
): Packet {
  return ledger.create({
    kind,
    bytes: bytes as Packet['bytes'],
    tcp: true,
    vm,
    client: p.client,
    flow: p.flow,
    seq: p.seq,
    sentAt: p.sentAt,
  });
}

/** Replies the guest sends itself (web responses, TCP ACKs), or undefined. */
export function guestReplyTo(
  ledger: PacketLedger,
  p: Packet,
  vm: number,
  costs: GuestCosts,
): Packet | undefined {
  if (costs.server?.owns(p)) return costs.server.reply(p, vm);
  if (p.kind === PacketKind.HttpRequest)
    return replyTo(ledger, p, vm, PacketKind.HttpResponse, costs.webResponseBytes);
  if (p.kind === PacketKind.TcpData)
    return replyTo(ledger, p, vm, PacketKind.TcpAck, TCP_ACK_BYTES);
  return undefined;
}

/** The guest kernel's ICMP echo reply to `p` (same size, back to its sender). */
export function echoReply(ledger: PacketLedger, p: Packet, vm: number): Packet {
  return ledger.create({
    kind: PacketKind.Icmp,
    bytes: p.bytes,
    tcp: false,
    client: p.client,
    flow: p.flow,
    seq: p.seq,
    sentAt: p.sentAt,
    vm,
  });
}
