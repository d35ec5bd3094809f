import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import { ClientTransaction, type ClientTransactionUser } from './client-transaction';
import { SipMethod, SipStatus, isRequest, isSuccess, request, type SipMessage } from './message';
import type { SipMetrics } from './sip-metrics';
import type { SipTimers } from './timers';
import { TxEnd, type SipSend, type TxRecord } from './transaction-state';

export interface UacParams {
  /** Established call → BYE (SIPp's -d). */
  readonly holdTime: Micros;
  /**
   * INVITE sent → give up without a final response. Timer B ends only Calling; a call that
   * got a 1xx waits in Proceeding for ever in RFC 3261, so the UA bounds it itself (64·T1,
   * like Timer B). A real UA would CANCEL; CANCEL is not modelled.
   */
  readonly setupTimeout: Micros;
}

interface Call {
  readonly dialog: number;
  readonly aor: number;
  readonly sentAt: Micros;
  ringing: boolean;
  established: boolean;
  ack: SipMessage | undefined;
  readonly inviteTx: number;
}

interface Pending {
  readonly tx: ClientTransaction;
  readonly call: Call | undefined;
}

/**
 * A population of user agents behind one SIP stack, as one SIPp instance is: REGISTER for an
 * AOR, and calls (INVITE, ACK, hold, BYE). It owns the client transactions, sends the ACK of
 * every 2xx (again for each retransmitted 2xx, §13.2.2.4) and counts outcomes in SipMetrics.
 * Transaction and dialog ids are counters: the same call sequence yields the same ids.
 */
export class UserAgentClient implements ClientTransactionUser {
  private readonly pending = new Map<number, Pending>();
  private readonly calls = new Map<number, Call>();
  private readonly cseq = new Map<number, number>();
  private nextTx = 1;
  private nextDialog = 1;

  constructor(
    private readonly sim: Simulator,
    private readonly timers: SipTimers,
    private readonly send: SipSend,
    /** Tells the transport an exchange is over (a connection per transaction closes). */
    private readonly release: (key: number) => void,
    private readonly params: UacParams,
    readonly metrics: SipMetrics,
    private readonly observe?: (tx: TxRecord) => void,
    /** Told when a transaction times out (Timer B or F), after it is counted. */
    private readonly timedOut?: (tx: ClientTransaction, now: Micros) => void,
  ) {}

  /** Client transactions not yet terminated. */
  get liveTransactions(): number {
    return this.pending.size;
  }

  /** Sends a REGISTER for `aor`. */
  register(aor: number): void {
    const cseq = (this.cseq.get(aor) ?? 0) + 1;
    this.cseq.set(aor, cseq);
    this.metrics.registrations.attempts++;
    this.start(request(SipMethod.Register, this.nextTx++, -1, cseq, aor), undefined);
  }

  /** Places a call from `aor`. */
  call(aor: number): void {
    const dialog = this.nextDialog++;
    const inviteTx = this.nextTx++;
    const call: Call = {
      dialog,
      aor,
      sentAt: this.sim.now,
      ringing: false,
      established: false,
      ack: undefined,
      inviteTx,
    };
    this.calls.set(dialog, call);
    this.metrics.calls.attempts++;
    const tx = this.start(request(SipMethod.Invite, inviteTx, dialog, 1, aor), call);
    this.sim.after(this.params.setupTimeout, (now) => tx.abandon(now));
  }

  /** A message from the transport. */
  receive(msg: SipMessage, now: Micros): void {
    if (isRequest(msg)) return; // the population answers no requests (no server BYE)
    const p = this.pending.get(msg.tx);
    if (p) {
      p.tx.receive(msg, now);
      return;
    }
    // A 2xx to INVITE after its transaction ended: the core ACKs every copy (§13.2.2.4).
    const call = this.calls.get(msg.dialog);
    if (msg.method === SipMethod.Invite && isSuccess(msg.status) && call?.ack) {
      this.metrics.ackRetransmissions++;
      this.send(call.ack, call.inviteTx, true);
      this.release(call.inviteTx);
    }
  }

  onResponse(tx: ClientTransaction, res: SipMessage, now: Micros): void {
    const p = this.pending.get(tx.id);
    if (p && res.method === SipMethod.Register && isSuccess(res.status)) {
      this.metrics.registerTimes.push(now - tx.startedAt);
    }
    const call = p?.call;
    if (!call || !p.tx.invite) return;
    if (res.status === SipStatus.Ringing && !call.ringing) {
      call.ringing = true;
      this.metrics.recordPostDial((now - call.sentAt) as Micros);
    }
    if (!isSuccess(res.status)) return;
    call.established = true;
    this.metrics.recordSetup((now - call.sentAt) as Micros);
    // The ACK of a 2xx is a new transaction-less request with a branch of its own (§17.1.1.3).
    call.ack = request(SipMethod.Ack, this.nextTx++, call.dialog, 1, call.aor);
    this.send(call.ack, call.inviteTx, false);
    this.sim.after(this.params.holdTime, () => this.hangUp(call));
  }

  onTimeout(): void {
    // Counted in onTerminated, where every way a transaction ends is seen once.
  }

  onTerminated(tx: ClientTransaction, now: Micros): void {
    const p = this.pending.get(tx.id);
    if (!p) return;
    this.pending.delete(tx.id);
    // The exchange is over on the wire: for INVITE with 2xx the ACK went out just before.
    this.release(tx.id);
    const ok = tx.end === TxEnd.Final && isSuccess(tx.finalStatus);
    const counts = this.metrics.outcomes(tx.req.method);
    if (ok) counts.successes++;
    else if (tx.end === TxEnd.Final) counts.errors++;
    else if (tx.end === TxEnd.Timeout) {
      counts.timeouts++;
      this.timedOut?.(tx, now);
    } else counts.timeouts++;
    const method = tx.req.method;
    if (method === SipMethod.Invite && p.call && !ok) this.calls.delete(p.call.dialog);
    if (method === SipMethod.Bye && p.call) {
      if (ok) this.metrics.callsCompleted++;
      else this.metrics.callsDropped++;
      this.calls.delete(p.call.dialog);
    }
  }

  private hangUp(call: Call): void {
    this.metrics.byes.attempts++;
    this.start(request(SipMethod.Bye, this.nextTx++, call.dialog, 2, call.aor), call);
  }

  private start(req: SipMessage, call: Call | undefined): ClientTransaction {
    const send: SipSend = (m, key, retx) => {
      if (retx && m.method !== SipMethod.Ack) this.metrics.countRetransmission(m.method);
      this.send(m, key, retx);
    };
    // The transaction sends its first copy from the constructor; the table entry must exist
    // before any response can arrive, which is at least one link delay later.
    const tx = new ClientTransaction(this.sim, this.timers, send, this, req);
    this.pending.set(req.tx, { tx, call });
    this.observe?.(tx);
    return tx;
  }
}
