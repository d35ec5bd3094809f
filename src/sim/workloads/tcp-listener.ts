import type { Bytes } from '../engine/units';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';

/**
 * Segments of the web workload's connections. Client → server packets are HttpRequest, server →
 * client HttpResponse; `flow` is the connection, `seq` the segment below. The handshake's final
 * ACK travels with the request (httperf writes the request as soon as connect() returns; the
 * request segment carries the ACK flag, which completes the handshake on its own).
 */
export const Seg = {
  /** Client → server: SYN (a retransmission is the same segment again). */
  Syn: 0,
  /** Client → server: ACK + the HTTP request. Server → client: the response. */
  Request: 1,
  /** Client → server: the client gave up (httperf closes the socket: RST). */
  Abort: 2,
  /** Server → client: SYN-ACK. */
  SynAck: 3,
} as const;

/** SYN and SYN-ACK: IPv4 20 + TCP 20 + options 20 (MSS, SACK-permitted, timestamps, window scale). */
export const SYN_BYTES = 60;
/** IPv4 + TCP with timestamps around a data segment. */
export const TCP_HEADER_BYTES = 52;
/**
 * Guest CPU for a segment the kernel alone handles (SYN, RST): an estimate of the engine's
 * smallest useful step, like the UDP receive's kernel share (guest-costs.ts KERNEL_UDP_US).
 */
export const KERNEL_SEGMENT_US = 1;

/** What the listener counted. */
export interface ListenerStats {
  /** SYNs answered with a SYN-ACK for a new connection. */
  accepted: number;
  /** SYNs dropped because the accept queue was full (netstat's ListenOverflows / ListenDrops). */
  synDrops: number;
  /** Requests the application served (responses sent). */
  served: number;
  /** Most connections waiting in the accept queue at once. */
  maxQueued: number;
}

/**
 * A listening socket's accept queue in a guest, Linux-style. A SYN gets a SYN-ACK and a place in
 * the queue while fewer than backlog + 1 connections wait (sk_acceptq_is_full tests
 * `sk_ack_backlog > sk_max_ack_backlog`, include/net/sock.h); otherwise tcp_conn_request drops it
 * silently (no RST: tcp_abort_on_overflow = 0 by default), and the client retransmits it after
 * its RTO. The application takes a connection off the queue when it gets the CPU for its
 * request: a VM that is not scheduled cannot accept, its queue fills, and SYNs are dropped — the
 * scheduler changes the server's throughput, not only its response time.
 *
 * Simplification: a connection holds its place from its SYN-ACK (Linux counts it from the
 * handshake's final ACK, one round trip later: on a LAN, microseconds against the queue's wait).
 * A lost request or response is not retransmitted by the server; the client's time-out ends it,
 * and its RST frees the place of a connection whose request never came.
 */
export class TcpListener {
  /** Connections holding a place (SYN answered, request not yet served), by client·2³² + flow key. */
  private readonly waiting = new Set<number>();
  readonly stats: ListenerStats = { accepted: 0, synDrops: 0, served: 0, maxQueued: 0 };

  constructor(
    private readonly ledger: PacketLedger,
    /** min(listen() backlog, somaxconn). */
    private readonly backlog: number,
    private readonly responseBytes: number,
    private readonly requestCostUs: number,
  ) {}

  /** Guest CPU the segment costs before `handle` sees it. */
  costOf(p: Packet): number {
    return p.seq === Seg.Request ? this.requestCostUs : KERNEL_SEGMENT_US;
  }

  /**
   * The guest has spent its CPU on client segment `p` (it stays the caller's to deliver); returns
   * what the server sends back, or undefined (a dropped SYN, an abort).
   */
  handle(p: Packet, vm: number): Packet | undefined {
    const key = p.client * 2 ** 32 + p.flow;
    if (p.seq === Seg.Syn) {
      // A retransmitted SYN of a connection that has its place is answered again.
      if (!this.waiting.has(key)) {
        if (this.waiting.size > this.backlog) {
          this.stats.synDrops++;
          return undefined;
        }
        this.waiting.add(key);
        this.stats.accepted++;
        if (this.waiting.size > this.stats.maxQueued) this.stats.maxQueued = this.waiting.size;
      }
      return this.reply(p, vm, Seg.SynAck, SYN_BYTES);
    }
    if (p.seq === Seg.Abort) {
      this.waiting.delete(key);
      return undefined;
    }
    // The request: the application accepts the connection, reads, answers.
    if (!this.waiting.delete(key)) return undefined; // a request after the client's abort
    this.stats.served++;
    return this.reply(p, vm, Seg.Request, this.responseBytes + TCP_HEADER_BYTES);
  }

  private reply(p: Packet, vm: number, seg: number, bytes: number): Packet {
    return this.ledger.create({
      kind: PacketKind.HttpResponse,
      bytes: bytes as Bytes,
      tcp: true,
      vm,
      client: p.client,
      flow: p.flow,
      seq: seg,
      sentAt: p.sentAt,
    });
  }
}
