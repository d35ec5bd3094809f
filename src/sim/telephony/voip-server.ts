import type { Micros } from '../engine/units';
import {
  DropReason,
  PacketKind,
  SIP_OK_BYTES,
  type Packet,
  type PacketLedger,
} from '../net/packet';
import type { DirtyPageLog } from '../replication/dirty-pages';
import { callOf, receiverOf } from './rtp';

/** The replicated state of the VoIP VM, each entry tagged with the epoch that wrote it. */
export interface VoipState {
  /** Call → epoch its relay session was created in. */
  readonly sessions: Map<number, number>;
  /** Address-of-record → epoch of its latest binding. */
  readonly bindings: Map<number, number>;
  /** REGISTER transaction → epoch it was first processed in. */
  readonly transactions: Map<number, number>;
}

/** Fresh, empty state. */
export function emptyVoipState(): VoipState {
  return { sessions: new Map(), bindings: new Map(), transactions: new Map() };
}

/** The state as of the end of epoch `committed`: what a backup resumed from that checkpoint holds. */
export function stateAtEpoch(s: VoipState, committed: number): VoipState {
  const keep = (m: Map<number, number>) => new Map([...m].filter(([, e]) => e <= committed));
  return {
    sessions: keep(s.sessions),
    bindings: keep(s.bindings),
    transactions: keep(s.transactions),
  };
}

/**
 * The guest application of the VoIP VM: an RTPProxy-like media relay (forwards each RTP packet
 * of a known session to the other party) and a SIP registrar with an in-memory location database
 * (answers REGISTER with 200 OK). Its state is what Remus replicates.
 */
export class VoipServer {
  constructor(
    readonly state: VoipState,
    private readonly ledger: PacketLedger,
    private readonly epoch: () => number,
    private readonly send: (p: Packet) => void,
    /** Endpoint mode: RTP is consumed here and reported (the application read it now); relay mode: undefined. */
    private readonly onMedia?: (p: Packet, now: Micros) => void,
    /** Where state writes mark guest memory dirty (the replicated primary); none on a backup. */
    private readonly dirty?: DirtyPageLog,
    /** The VM this application runs in (its packets' VM id). */
    private readonly vm = 1,
  ) {}

  /** Opens the relay session of `call` (call set-up, before media flows). */
  openSession(call: number): void {
    if (this.state.sessions.has(call)) return;
    this.state.sessions.set(call, this.epoch());
    this.dirty?.session(call);
  }

  /** A packet the guest has spent its CPU on. */
  handle(p: Packet, now: Micros): void {
    if (p.kind === PacketKind.Rtp) {
      const call = callOf(p.flow);
      if (!this.state.sessions.has(call)) return this.ledger.drop(p, DropReason.NoSession);
      this.ledger.deliver(p);
      // Every packet updates its session's counters and last-seen time.
      this.dirty?.session(call);
      if (this.onMedia) return this.onMedia(p, now);
      this.send(
        this.ledger.create({
          kind: PacketKind.Rtp,
          bytes: p.bytes,
          tcp: false,
          vm: this.vm,
          client: receiverOf(p.flow),
          flow: p.flow,
          seq: p.seq,
          sentAt: p.sentAt,
        }),
      );
      return;
    }
    this.ledger.deliver(p);
    if (p.kind !== PacketKind.SipRequest) return;
    const e = this.epoch();
    // A retransmission rewrites the binding (its expiry and CSeq); only a new transaction is stored.
    this.state.bindings.set(p.client, e);
    this.dirty?.binding(p.client);
    if (!this.state.transactions.has(p.flow)) {
      this.state.transactions.set(p.flow, e);
      this.dirty?.transaction(p.flow);
    }
    this.send(
      this.ledger.create({
        kind: PacketKind.SipResponse,
        bytes: SIP_OK_BYTES,
        tcp: false,
        vm: this.vm,
        client: p.client,
        flow: p.flow,
        seq: p.seq,
        sentAt: now,
      }),
    );
  }
}
