import { AnswerGaps } from './answer-gaps';
import type { RngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import { SipEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';
import { PacketKind, SIP_REGISTER_BYTES, type Packet, type PacketLedger } from '../net/packet';
import { SIP_TIMERS, nonInviteRetransmitTimes } from './sip-timers';

interface Transaction {
  readonly id: number;
  readonly aor: number;
  readonly start: number;
  done: boolean;
  attempts: number;
}

/** Outcome counts of the REGISTER transactions. */
export interface RegisterStats {
  readonly started: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly pending: number;
  readonly retransmissions: number;
  readonly latencyMeanMs: number;
  readonly latencyMaxMs: number;
  readonly succeededIds: readonly number[];
  /** The longest time no REGISTER was answered 2xx, from the first answer to now (ms). */
  readonly answerGapMaxMs: number;
  /** When the last REGISTER was answered 2xx (µs), −1 before any. */
  readonly lastAnswerUs: number;
}

/**
 * SIPp-like REGISTER generator over UDP: a new transaction every 1/rate s, cycling through the
 * users; RFC 3261 non-INVITE retransmissions (Timer E) until a final response or Timer F. Those
 * retransmissions are what let registrations survive a failover.
 */
export class RegisterClients {
  private readonly txs: Transaction[] = [];
  private readonly schedule = nonInviteRetransmitTimes();
  private retransmissions = 0;
  private latencySum = 0;
  private latencyMax = 0;
  private succeeded = 0;
  private failed = 0;
  private readonly succeededIds: number[] = [];
  private readonly gaps = new AnswerGaps();

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly ledger: PacketLedger,
    private readonly rate: number,
    private readonly users: number,
    private readonly end: Micros,
    private readonly send: (p: Packet) => void,
    rng: RngStream,
    /** The VM that carries the SIP service (the requests' destination). */
    private readonly vm = 1,
  ) {
    if (rate <= 0) return;
    const period = 1e6 / rate;
    const first = Math.round(rng.uniform(0, period));
    this.startAt(first, period);
  }

  private startAt(t: number, period: number): void {
    if (t >= this.end) return;
    this.sim.at(Math.round(t) as Micros, (now) => {
      const id = this.txs.length;
      const tx: Transaction = { id, aor: id % this.users, start: now, done: false, attempts: 0 };
      this.txs.push(tx);
      this.transmit(tx, now);
      this.startAt(t + period, period);
    });
  }

  private transmit(tx: Transaction, now: Micros): void {
    const attempt = tx.attempts++;
    this.trace.add(
      now,
      TraceKind.Sip,
      tx.id,
      attempt === 0 ? SipEvent.Sent : SipEvent.Retransmit,
      attempt,
    );
    if (attempt > 0) this.retransmissions++;
    this.send(
      this.ledger.create({
        kind: PacketKind.SipRequest,
        bytes: SIP_REGISTER_BYTES,
        tcp: false,
        vm: this.vm,
        client: tx.aor,
        flow: tx.id,
        seq: attempt,
        sentAt: now,
      }),
    );
    const next = this.schedule[attempt];
    if (next !== undefined) {
      this.sim.at((tx.start + next) as Micros, (t) => {
        if (!tx.done) this.transmit(tx, t);
      });
    } else {
      this.sim.at((tx.start + SIP_TIMERS.timerF) as Micros, (t) => {
        if (tx.done) return;
        tx.done = true;
        this.failed++;
        this.trace.add(t, TraceKind.Sip, tx.id, SipEvent.Timeout, tx.attempts);
      });
    }
  }

  /** A 200 OK reached the client. */
  onResponse(p: Packet, now: Micros): void {
    this.ledger.deliver(p);
    const tx = this.txs[p.flow];
    if (!tx || tx.done) return;
    tx.done = true;
    this.succeeded++;
    this.succeededIds.push(tx.id);
    this.gaps.mark(now);
    const latency = now - tx.start;
    this.latencySum += latency;
    if (latency > this.latencyMax) this.latencyMax = latency;
    this.trace.add(now, TraceKind.Sip, tx.id, SipEvent.Success, tx.attempts, latency);
  }

  /** Totals so far. */
  stats(): RegisterStats {
    return {
      started: this.txs.length,
      succeeded: this.succeeded,
      failed: this.failed,
      pending: this.txs.length - this.succeeded - this.failed,
      retransmissions: this.retransmissions,
      latencyMeanMs: this.succeeded ? this.latencySum / this.succeeded / 1000 : 0,
      latencyMaxMs: this.latencyMax / 1000,
      succeededIds: this.succeededIds,
      answerGapMaxMs: this.gaps.longestUs(this.sim.now) / 1000,
      lastAnswerUs: this.gaps.lastUs,
    };
  }
}
