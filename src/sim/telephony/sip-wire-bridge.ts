import type { Simulator } from '../engine/simulator';
import { SipEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import type { Bytes, Micros } from '../engine/units';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import type { WirePacket } from '../sip/transport';
import { SipMsgFlag, encodeMessage, exchangeId } from './sip-trace';

/**
 * 64·T1 + T4 = 37 s (RFC 3261 Table 4): no transaction sends a copy of a message later than
 * that after its first (Timer B/F/H bound the retransmissions, and the 2xx's too, §13.3.1.4).
 */
const SENT_MEMORY_US = 37_000_000;

/** A SIP transport packet in flight as a world packet. */
export interface InFlight {
  readonly wp: WirePacket;
  readonly fromServer: boolean;
  readonly flags: number;
}

/**
 * Turns the SIP transports' packets (src/sim/sip/wire.ts) into world packets and back: each IP
 * packet the transports emit, TCP handshake and teardown included, becomes one `Packet` of its
 * real size that the hosts, links and output buffer carry like any other; the transport packet
 * rides beside it, by packet id. Each SIP message copy is written to the trace once, when it
 * arrives or is lost (TraceKind.SipMsg).
 */
export class SipWireBridge {
  private readonly inFlight = new Map<number, InFlight>();
  /**
   * Messages (transaction·1024 + status) already on the wire once: a later copy is a
   * retransmission. Kept for two rotation periods at least, longer than any transaction's copies
   * are sent for, so the sets follow the load, not the run's length.
   */
  private sent = new Set<number>();
  private older = new Set<number>();
  private rotateAt: number = SENT_MEMORY_US;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly ledger: PacketLedger,
    /** Host (0 primary, 1 backup) at the server end now: the ARP owner for client packets, the active VM for server packets. */
    private readonly serverHost: (fromServer: boolean) => number,
    /** The VM the SIP service runs in (the packets' `vm`). */
    private readonly vm: number,
  ) {}

  /** A world packet carrying `wp` (sent by the client or the server). */
  packet(wp: WirePacket, fromServer: boolean): Packet {
    let flags = fromServer ? SipMsgFlag.FromServer : 0;
    if (this.serverHost(fromServer) === 1) flags |= SipMsgFlag.AtBackup;
    if (wp.attempt > 0) flags |= SipMsgFlag.TcpRetransmission;
    else if (wp.msg) {
      const key = wp.msg.tx * 1024 + wp.msg.status;
      if (this.sim.now >= this.rotateAt) {
        this.older = this.sent;
        this.sent = new Set();
        this.rotateAt = this.sim.now + SENT_MEMORY_US;
      }
      if (this.sent.has(key) || this.older.has(key)) flags |= SipMsgFlag.SipRetransmission;
      else this.sent.add(key);
    }
    const p = this.ledger.create({
      kind: !wp.msg
        ? PacketKind.SipTcpControl
        : fromServer
          ? PacketKind.SipResponse
          : PacketKind.SipRequest,
      bytes: wp.ipBytes as Bytes,
      tcp: wp.conn >= 0,
      vm: this.vm,
      client: wp.msg?.aor ?? 0,
      flow: wp.key,
      seq: wp.attempt,
      sentAt: this.sim.now,
    });
    this.inFlight.set(p.id, { wp, fromServer, flags });
    return p;
  }

  /** `p` reached its SIP end: delivered to the ledger; returns what it carries. */
  arrive(p: Packet, now: Micros): InFlight | undefined {
    const f = this.inFlight.get(p.id);
    this.ledger.deliver(p);
    if (!f) return undefined;
    this.inFlight.delete(p.id);
    this.record(now, p, f, 0);
    return f;
  }

  /** `p` was dropped (the ledger has counted it); returns what it carried, if it was SIP transport's. */
  dropped(p: Packet): InFlight | undefined {
    const f = this.inFlight.get(p.id);
    if (!f) return undefined;
    this.inFlight.delete(p.id);
    this.record(this.sim.now, p, f, SipMsgFlag.Lost);
    return f;
  }

  /**
   * The client gave up a REGISTER transaction (Timer F): written as the simple model writes its
   * time-outs (TraceKind.Sip, SipEvent.Timeout), so the REGISTER chart, the story and the trace
   * export count them for either stack. `exchange` as the SipMsg records name it.
   */
  registerTimedOut(exchange: number, transmissions: number): void {
    this.trace.add(this.sim.now, TraceKind.Sip, exchange, SipEvent.Timeout, transmissions);
  }

  private record(now: number, p: Packet, f: InFlight, extra: number): void {
    const m = f.wp.msg;
    if (!m) return;
    this.trace.add(
      now,
      TraceKind.SipMsg,
      exchangeId(m.dialog, m.tx),
      encodeMessage(m.method, m.status),
      f.flags | extra,
      p.sentAt,
    );
  }
}
