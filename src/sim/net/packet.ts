import { grownTo } from '../engine/grow';
import type { Bytes, Micros } from '../engine/units';

/** What a packet carries; the output buffer and the clients decide by it. */
export const PacketKind = {
  Rtp: 1,
  SipRequest: 2,
  SipResponse: 3,
  Icmp: 4,
  Udp: 5,
  HttpRequest: 6,
  HttpResponse: 7,
  TcpData: 8,
  TcpAck: 9,
  /** A SIP transport's TCP segment without a SIP message (SYN, SYN-ACK, ACK, FIN, SACK): the guest kernel's alone. */
  SipTcpControl: 10,
} as const;
export type PacketKind = (typeof PacketKind)[keyof typeof PacketKind];

/** Why a packet was dropped. Every drop names one (packet conservation, docs/trace.md). */
export const DropReason = {
  /** The guest's netfront RX ring was full when netback tried to deliver (256 slots). */
  RingFull: 1,
  /** The Remus output buffer was over its byte limit. */
  BufferLimit: 2,
  /** The packet was in a queue of a host that crashed. */
  HostCrash: 3,
  /** The packet reached a host that is down (clients' ARP still points at it). */
  HostDown: 4,
  /** The relay on the backup did not know the call (state newer than the last committed checkpoint). */
  NoSession: 5,
  /** Output of an epoch the backup never acknowledged, discarded on failover. */
  Uncommitted: 6,
  /** The host's transmit queue to its NIC (qdisc + NIC descriptor ring) was full. */
  NicQueueFull: 7,
  /** The LAN's queue towards the host's NIC was full (traffic arriving faster than the line rate). */
  LanQueueFull: 8,
  /** The NIC's receive descriptor ring was full: the driver domain had not polled it in time. */
  NicRxRingFull: 9,
  /** A guest's netfront TX ring and its own qdisc were full: netback had not drained them in time. */
  GuestTxFull: 10,
  /** The receiving application's socket buffer was full (rmem_default, truesize accounting). */
  SocketBufferFull: 11,
  /**
   * The packet reached a live host whose copy of the VM is not running: its guest crashed or was
   * shut down, the cluster manager stopped it, or that copy is not the active one. (Counted as
   * host-down before: a Pacemaker stop read "host-down" with the host up.)
   */
  VmDown: 12,
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/**
 * Reasons that mean a queue was full. An overloaded queue drops at the offered rate (85 k
 * datagrams/s in the run), so the trace counts these per 100 ms bin (drop-bins.ts) rather
 * than one record a packet.
 */
export const QUEUE_FULL_REASONS: ReadonlySet<DropReason> = new Set([
  DropReason.RingFull,
  DropReason.BufferLimit,
  DropReason.NicQueueFull,
  DropReason.LanQueueFull,
  DropReason.NicRxRingFull,
  DropReason.GuestTxFull,
  DropReason.SocketBufferFull,
]);

export const DROP_REASON_NAMES: Record<DropReason, string> = {
  1: 'ring-full',
  2: 'buffer-limit',
  3: 'host-crash',
  4: 'host-down',
  5: 'no-session',
  6: 'uncommitted',
  7: 'nic-queue-full',
  8: 'lan-queue-full',
  9: 'nic-rx-ring-full',
  10: 'guest-tx-full',
  11: 'socket-buffer-full',
  12: 'vm-down',
};

/** IP packet sizes: G.711 20 ms = 160 B payload + RTP 12 + UDP 8 + IPv4 20 = 200 B (RFC 3551). */
export const RTP_IP_BYTES = 200 as Bytes;
/** ping's default echo: 56 B payload + ICMP 8 + IPv4 20 = 84 B. */
export const ICMP_ECHO_BYTES = 84 as Bytes;
/** SIPp REGISTER and its 200 OK over UDP, typical sizes. */
export const SIP_REGISTER_BYTES = 520 as Bytes;
export const SIP_OK_BYTES = 420 as Bytes;

/** A packet. `epoch` is set when a protected VM emits it (output commit). */
export interface Packet {
  readonly id: number;
  readonly kind: PacketKind;
  readonly bytes: Bytes;
  readonly tcp: boolean;
  /** Client endpoint index that sent it (for requests and RTP) or that receives it (responses, relayed RTP). */
  readonly client: number;
  /** RTP: stream index (call·2 + direction); SIP: transaction id. */
  readonly flow: number;
  /** RTP sequence number, or SIP attempt number. */
  readonly seq: number;
  /** When the original sender sent it. */
  readonly sentAt: Micros;
  /** Guest VM it is for, or that sent it (1 is the VoIP VM). */
  readonly vm: number;
  /** Epoch of the protected VM that produced it, −1 when not produced by a protected VM. */
  epoch: number;
}

/**
 * Counts every packet from creation to its end: delivered or dropped with a reason. A packet
 * that ends twice is a model bug and throws, so conservation is checked on every run, not only in
 * tests: created = delivered + dropped + in flight.
 */
export class PacketLedger {
  /** Called on every drop (the world records it in the trace). */
  onDrop: (p: Packet, reason: DropReason) => void = () => undefined;
  private nextId = 1;
  /**
   * Live flags by packet id (ids are consecutive from 1) and their count. A flat byte array,
   * not a Set: the bench profile (bench/cluster-bench.ts) had `create` at a fifth of the run,
   * spent growing and rehashing a Set of hundreds of thousands of ids.
   */
  private live = new Uint8Array(1 << 16);
  private liveCount = 0;
  /** Live packets by kind (index = PacketKind), so a probe can tell lost from still in flight. */
  private readonly liveKinds = new Float64Array(Math.max(...Object.values(PacketKind)) + 1);
  created = 0;
  delivered = 0;
  /**
   * Drops by reason (index = DropReason) and the reasons in the order of their first drop. Counts
   * in an array, not a Map: at 4 000 streams most packets are dropped, and the Map's get/set was
   * 7 % of the run (CPU profile, ADR 0021 addendum 6).
   */
  private readonly dropCounts = new Float64Array(Math.max(...Object.values(DropReason)) + 1);
  private readonly dropOrder: DropReason[] = [];

  /** Makes a packet and puts it in flight. */
  create(p: Omit<Packet, 'id' | 'epoch'>): Packet {
    const id = this.nextId++;
    // Checked here, not in grownTo: this runs for every packet.
    if (id >= this.live.length) this.live = grownTo(this.live, id + 1);
    this.live[id] = 1;
    this.liveCount++;
    this.liveKinds[p.kind] = (this.liveKinds[p.kind] as number) + 1;
    this.created++;
    // Field by field in one order, so every packet has the same shape (a spread does not promise it).
    return {
      id,
      kind: p.kind,
      bytes: p.bytes,
      tcp: p.tcp,
      client: p.client,
      flow: p.flow,
      seq: p.seq,
      sentAt: p.sentAt,
      vm: p.vm,
      epoch: -1,
    };
  }

  /** The packet reached its consumer. */
  deliver(p: Packet): void {
    this.end(p);
    this.delivered++;
  }

  /** The packet was dropped for `reason`. */
  drop(p: Packet, reason: DropReason): void {
    this.end(p);
    const n = this.dropCounts[reason] as number;
    if (n === 0) this.dropOrder.push(reason);
    this.dropCounts[reason] = n + 1;
    this.onDrop(p, reason);
  }

  /** Drops by reason, in the order each reason first dropped a packet (the summary keeps it). */
  get dropped(): ReadonlyMap<DropReason, number> {
    return new Map(this.dropOrder.map((r) => [r, this.dropCounts[r] as number]));
  }

  /** Packets created but not yet delivered or dropped. */
  get inFlight(): number {
    return this.liveCount;
  }

  /** Packets of `kind` created but not yet delivered or dropped. */
  inFlightOf(kind: PacketKind): number {
    return this.liveKinds[kind] as number;
  }

  /** Total drops over all reasons. */
  get droppedTotal(): number {
    let s = 0;
    for (const r of this.dropOrder) s += this.dropCounts[r] as number;
    return s;
  }

  private end(p: Packet): void {
    if (this.live[p.id] !== 1) throw new Error(`packet ${p.id} ended twice (model bug)`);
    this.live[p.id] = 0;
    this.liveCount--;
    this.liveKinds[p.kind] = (this.liveKinds[p.kind] as number) - 1;
  }
}
