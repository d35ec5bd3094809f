import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { SipMessage } from './message';
import type { SipTransportKind } from './timers';
import {
  IPV4_HEADER,
  TCP_DATA_RETRIES,
  TCP_HEADER,
  TCP_RTO_DATA,
  TCP_RTO_SYN,
  TCP_SACK_HEADER,
  TCP_SYN_HEADER,
  TCP_SYN_RETRIES,
  UDP_HEADER,
  WireKind,
  type PacketCost,
  type SipWire,
  type TransportStats,
  type WirePacket,
} from './wire';

/** The wire's vocabulary (packet kinds, header sizes, TCP timers) lives in wire.ts; re-exported for callers of the transport. */
export * from './wire';

interface Connection {
  readonly id: number;
  established: boolean;
  /** Messages waiting for the handshake. */
  readonly queue: { msg: SipMessage; key: number }[];
  sendSeq: number;
  recvSeq: number;
  readonly outOfOrder: Map<number, WirePacket>;
  /** Send a FIN once the queue is flushed (released before the handshake completed). */
  closeWhenFlushed: boolean;
  finSent: boolean;
  closed: boolean;
  readonly keys: number[];
  /** When this end last sent its SYN or SYN-ACK; the answer gives the RTT sample. */
  handshakeSentAt: number;
  /** RTT measured on the handshake (Infinity until then). */
  minRtt: number;
  /** Lost data and FIN segments waiting to be sent again, by sequence number. */
  readonly lostSegments: Map<number, LostSegment>;
}

/** A transport end's connections at one instant (opaque outside this file). */
export interface TransportSnapshot {
  readonly conns: readonly Connection[];
  readonly keys: readonly (readonly [number, number])[];
  readonly persistent: number | undefined;
  readonly nextConn: number;
}

/** A copy sharing nothing mutable; segments awaiting a resend are not part of a checkpoint. */
const copyConnection = (c: Connection): Connection => ({
  ...c,
  queue: [...c.queue],
  outOfOrder: new Map(c.outOfOrder),
  keys: [...c.keys],
  lostSegments: new Map(),
});

interface LostSegment {
  readonly p: WirePacket;
  /** Bumped when the segment is sent again by either path, so the other does nothing. */
  token: number;
  fast: boolean;
}

/**
 * One end of a SIP transport (RFC 3261 §18) as packets: UDP sends each message as one
 * datagram; TCP opens a connection (SYN, SYN-ACK, ACK) before its first message, delivers in
 * order (a lost segment holds back the ones after it) and resends a lost segment itself;
 * `tcp-per-transaction` also closes each transaction's connection when the transaction user
 * releases it (FIN, ACK, FIN, ACK). Loss is learnt from the link's `lost` call, standing in
 * for the missing ACK at RTO time. A segment that arrives after a hole is answered at once by
 * a duplicate ACK with SACK; the sender then resends the hole a quarter of the handshake RTT
 * later (RACK's reordering window, RFC 8985 §6.2, Linux's default loss detection) instead of
 * waiting for the RTO. Pure ACKs of in-order data are not modelled (delayed ACKs ride on the
 * next segment), nor tail-loss probes (a lost last segment waits for the RTO).
 */
export class SipTransport {
  readonly stats: TransportStats = {
    packetsSent: 0,
    packetsReceived: 0,
    bytesSent: 0,
    sipMessagesSent: 0,
    handshakePackets: 0,
    teardownPackets: 0,
    tcpRetransmissions: 0,
    fastRetransmissions: 0,
    sackPackets: 0,
    connectionsOpened: 0,
    connectionsAborted: 0,
    cpuUs: 0,
  };
  private readonly byId = new Map<number, Connection>();
  private readonly byKey = new Map<number, Connection>();
  private persistent: Connection | undefined;
  private nextConn = 0;
  private readonly udp: boolean;
  private readonly perTransaction: boolean;

  constructor(
    private readonly sim: Simulator,
    readonly kind: SipTransportKind,
    /** 0 or 1: keeps connection ids of the two ends apart. */
    private readonly side: 0 | 1,
    private readonly wire: SipWire,
    private readonly deliver: (msg: SipMessage, now: Micros) => void,
    private readonly cost?: PacketCost,
  ) {
    this.udp = kind === 'udp';
    this.perTransaction = kind === 'tcp-per-transaction';
  }

  /**
   * This end's connections as a checkpoint holds them (Remus copies the guest kernel's TCP
   * state with the rest of its memory); `restore` on a fresh transport resumes from it.
   */
  snapshot(): TransportSnapshot {
    return {
      conns: [...this.byId.values()].map(copyConnection),
      keys: [...this.byKey].map(([k, c]) => [k, c.id] as const),
      persistent: this.persistent?.id,
      nextConn: this.nextConn,
    };
  }

  /** Takes over the connections of `snap` (a checkpoint of another instance of this end). */
  restore(snap: TransportSnapshot): void {
    for (const c of snap.conns) this.byId.set(c.id, copyConnection(c));
    for (const [k, id] of snap.keys) {
      const c = this.byId.get(id);
      if (c) this.byKey.set(k, c);
    }
    this.persistent = snap.persistent === undefined ? undefined : this.byId.get(snap.persistent);
    this.nextConn = snap.nextConn;
  }

  /** Open TCP connections at this end. */
  get openConnections(): number {
    return this.byId.size;
  }

  /** Sends `msg` as part of exchange `key`. */
  send(msg: SipMessage, key: number): void {
    this.stats.sipMessagesSent++;
    if (this.udp) {
      this.emit(WireKind.Sip, -1, -1, IPV4_HEADER + UDP_HEADER + msg.bytes, msg, key, 0);
      return;
    }
    let c = this.perTransaction ? this.byKey.get(key) : this.persistent;
    if (!c || c.closed || c.finSent) {
      c = this.open();
      if (!this.perTransaction) this.persistent = c;
      else {
        this.bind(c, key);
        // A response whose request's connection is gone gets a connection of its own
        // (§18.2.2), closed once it has carried what was queued for it.
        if (msg.status !== 0) c.closeWhenFlushed = true;
      }
    }
    if (!c.established) {
      c.queue.push({ msg, key });
      return;
    }
    this.sendData(c, msg, key);
  }

  /**
   * The exchange `key` is over: with a connection per transaction, close it (at once, or after
   * the handshake and the queued messages). A no-op for UDP and the persistent connection.
   */
  release(key: number): void {
    if (!this.perTransaction) return;
    const c = this.byKey.get(key);
    if (!c) return;
    this.byKey.delete(key);
    if (c.established && c.queue.length === 0) this.sendFin(c);
    else c.closeWhenFlushed = true;
  }

  /** A packet from the peer arrived. */
  receive(p: WirePacket, now: Micros): void {
    this.stats.packetsReceived++;
    if (this.cost) this.stats.cpuUs += this.cost(p, 'rx');
    if (p.conn < 0) {
      if (p.msg) this.deliver(p.msg, now);
      return;
    }
    switch (p.kind) {
      case WireKind.Syn:
        this.accept(p.conn);
        this.emit(WireKind.SynAck, p.conn, -1, IPV4_HEADER + TCP_SYN_HEADER, undefined, p.key, 0);
        return;
      case WireKind.SynAck:
        this.established(p.conn, p.key);
        return;
      case WireKind.HandshakeAck:
        this.sampleRtt(p.conn);
        return;
      case WireKind.FinAck:
        return;
      case WireKind.Sack:
        this.sacked(p.conn, p.seq);
        return;
      default:
        this.inOrder(p, now);
    }
  }

  /** The link dropped `p`, which this end sent: TCP sends it again after its RTO. */
  lost(p: WirePacket, _now: Micros): void {
    if (p.conn < 0 || p.kind === WireKind.Sack) return;
    const syn = p.kind === WireKind.Syn || p.kind === WireKind.SynAck;
    const rto = (syn ? TCP_RTO_SYN : TCP_RTO_DATA) * 2 ** p.attempt;
    if (p.attempt + 1 > (syn ? TCP_SYN_RETRIES : TCP_DATA_RETRIES)) {
      // The last retry's timer expires too: then the connection is given up.
      this.sim.after(rto, () => this.abort(p.conn));
      return;
    }
    const c = p.seq >= 0 ? this.byId.get(p.conn) : undefined;
    const lost: LostSegment = { p, token: 0, fast: false };
    c?.lostSegments.set(p.seq, lost);
    this.sim.after(rto, () => {
      if (lost.token !== 0) return; // a SACK had it sent again already
      lost.token++;
      c?.lostSegments.delete(p.seq);
      this.resend(p);
    });
  }

  private resend(p: WirePacket): void {
    this.stats.tcpRetransmissions++;
    this.emit(p.kind, p.conn, p.seq, p.ipBytes, p.msg, p.key, p.attempt + 1);
  }

  /** A duplicate ACK naming hole `seq`: resend it once RACK's reordering window (RFC 8985) has passed. */
  private sacked(connId: number, seq: number): void {
    const c = this.byId.get(connId);
    const lost = c?.lostSegments.get(seq);
    if (!c || !lost || lost.fast) return;
    lost.fast = true;
    const reorderingWindow = Number.isFinite(c.minRtt) ? Math.floor(c.minRtt / 4) : 0;
    this.sim.after(reorderingWindow, () => {
      if (lost.token !== 0) return;
      lost.token++;
      c.lostSegments.delete(seq);
      this.stats.fastRetransmissions++;
      this.resend(lost.p);
    });
  }

  private open(): Connection {
    const c = this.connection(this.nextConn++ * 2 + this.side);
    this.stats.connectionsOpened++;
    this.emit(WireKind.Syn, c.id, -1, IPV4_HEADER + TCP_SYN_HEADER, undefined, -1, 0);
    return c;
  }

  /** A SYN: the passive end's connection, usable at once (its first data follows the peer's). */
  private accept(id: number): void {
    if (this.byId.has(id)) return;
    const c = this.connection(id);
    c.established = true;
    if (!this.perTransaction && !this.persistent) this.persistent = c;
  }

  /** The passive end's RTT sample: its SYN-ACK answered. */
  private sampleRtt(id: number): void {
    const c = this.byId.get(id);
    if (c && !Number.isFinite(c.minRtt)) c.minRtt = this.sim.now - c.handshakeSentAt;
  }

  private established(id: number, key: number): void {
    const c = this.byId.get(id);
    if (!c || c.established) return;
    c.established = true;
    c.minRtt = this.sim.now - c.handshakeSentAt;
    this.emit(WireKind.HandshakeAck, id, -1, IPV4_HEADER + TCP_HEADER, undefined, key, 0);
    for (const q of c.queue) this.sendData(c, q.msg, q.key);
    c.queue.length = 0;
    if (c.closeWhenFlushed) this.sendFin(c);
  }

  private connection(id: number): Connection {
    const c: Connection = {
      id,
      established: false,
      queue: [],
      sendSeq: 0,
      recvSeq: 0,
      outOfOrder: new Map(),
      closeWhenFlushed: false,
      finSent: false,
      closed: false,
      keys: [],
      handshakeSentAt: this.sim.now,
      minRtt: Infinity,
      lostSegments: new Map(),
    };
    this.byId.set(id, c);
    return c;
  }

  private bind(c: Connection, key: number): void {
    this.byKey.set(key, c);
    c.keys.push(key);
  }

  private sendData(c: Connection, msg: SipMessage, key: number): void {
    const bytes = IPV4_HEADER + TCP_HEADER + msg.bytes;
    this.emit(WireKind.Sip, c.id, c.sendSeq++, bytes, msg, key, 0);
  }

  private sendFin(c: Connection): void {
    c.finSent = true;
    this.emit(WireKind.Fin, c.id, c.sendSeq++, IPV4_HEADER + TCP_HEADER, undefined, -1, 0);
  }

  /** Data and FIN in sequence order; later segments wait for a lost one (head-of-line). */
  private inOrder(p: WirePacket, now: Micros): void {
    const c = this.byId.get(p.conn);
    if (!c || p.seq < c.recvSeq) return;
    this.sampleRtt(p.conn); // the handshake's ACK may have been lost; data acknowledges too
    if (p.seq > c.recvSeq) {
      c.outOfOrder.set(p.seq, p);
      this.stats.sackPackets++;
      this.emit(WireKind.Sack, c.id, c.recvSeq, IPV4_HEADER + TCP_SACK_HEADER, undefined, -1, 0);
      return;
    }
    let next: WirePacket | undefined = p;
    while (next) {
      c.recvSeq++;
      this.segment(c, next, now);
      next = c.outOfOrder.get(c.recvSeq);
      if (next) c.outOfOrder.delete(c.recvSeq);
    }
  }

  private segment(c: Connection, p: WirePacket, now: Micros): void {
    if (p.kind === WireKind.Sip && p.msg) {
      // A response goes back on the connection its request came in on (§18.2.2).
      if (this.perTransaction && !this.byKey.has(p.key)) this.bind(c, p.key);
      this.deliver(p.msg, now);
      return;
    }
    if (p.kind !== WireKind.Fin) return;
    this.emit(WireKind.FinAck, c.id, -1, IPV4_HEADER + TCP_HEADER, undefined, -1, 0);
    // The passive closer answers with its own FIN; the active one is done.
    if (!c.finSent) this.sendFin(c);
    this.close(c);
  }

  private close(c: Connection): void {
    c.closed = true;
    this.byId.delete(c.id);
    for (const k of c.keys) if (this.byKey.get(k) === c) this.byKey.delete(k);
    if (this.persistent === c) this.persistent = undefined;
  }

  private abort(id: number): void {
    const c = this.byId.get(id);
    if (!c) return;
    this.stats.connectionsAborted++;
    this.close(c);
  }

  private emit(
    kind: WireKind,
    conn: number,
    seq: number,
    ipBytes: number,
    msg: SipMessage | undefined,
    key: number,
    attempt: number,
  ): void {
    const p: WirePacket = { kind, conn, seq, ipBytes, msg, key, attempt };
    if (kind === WireKind.Syn || kind === WireKind.SynAck) {
      const c = this.byId.get(conn);
      if (c) c.handshakeSentAt = this.sim.now;
    }
    const s = this.stats;
    s.packetsSent++;
    s.bytesSent += ipBytes;
    if (attempt === 0) {
      if (kind === WireKind.Syn || kind === WireKind.SynAck || kind === WireKind.HandshakeAck) {
        s.handshakePackets++;
      } else if (kind === WireKind.Fin || kind === WireKind.FinAck) {
        s.teardownPackets++;
      }
    }
    if (this.cost) s.cpuUs += this.cost(p, 'tx');
    this.wire(p);
  }
}
