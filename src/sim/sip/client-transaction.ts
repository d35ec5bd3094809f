import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import {
  SipMethod,
  SipStatus,
  isFinal,
  isProvisional,
  isSuccess,
  request,
  type SipMessage,
} from './message';
import { nextCappedInterval, nextTimerA, type SipTimers } from './timers';
import { TxEnd, TxState, type SipSend, type TxRecord } from './transaction-state';

/** The transaction user above a client transaction (the UAC core). */
export interface ClientTransactionUser {
  /** A response the transaction passes up (provisional, and the first final one). */
  onResponse(tx: ClientTransaction, res: SipMessage, now: Micros): void;
  /** Timer B or F fired: no final response. */
  onTimeout(tx: ClientTransaction, now: Micros): void;
  /** The transaction reached Terminated (after any of the above, or on its own timers). */
  onTerminated(tx: ClientTransaction, now: Micros): void;
}

/**
 * RFC 3261 client transactions: INVITE (§17.1.1.2, Figure 5: Calling, Proceeding, Completed,
 * Terminated) and non-INVITE (§17.1.2.2, Figure 6: Trying, Proceeding, Completed, Terminated).
 * Timers run on the Simulator; a timer is cancelled by bumping its token, so a stale event
 * finds a different token and does nothing.
 */
export class ClientTransaction implements TxRecord {
  readonly invite: boolean;
  readonly startedAt: Micros;
  state: TxState;
  transmissions = 0;
  completedAt = Infinity;
  terminatedAt = Infinity;
  end: TxEnd | 0 = 0;
  /** Final status received (0: none). */
  finalStatus = 0;
  private retransmitToken = 0;
  private timeoutToken = 0;
  private interval: Micros;

  constructor(
    private readonly sim: Simulator,
    private readonly timers: SipTimers,
    private readonly send: SipSend,
    private readonly tu: ClientTransactionUser,
    readonly req: SipMessage,
  ) {
    this.invite = req.method === SipMethod.Invite;
    this.startedAt = sim.now;
    this.state = this.invite ? TxState.Calling : TxState.Trying;
    this.interval = this.invite ? timers.a : timers.e;
    this.transmit(false);
    if (timers.retransmits) this.armRetransmit();
    const token = ++this.timeoutToken;
    // Timer B (INVITE) or F (non-INVITE): 64·T1 for any transport.
    this.sim.after(this.invite ? timers.b : timers.f, (now) => {
      if (token === this.timeoutToken) this.timedOut(now);
    });
  }

  get id(): number {
    return this.req.tx;
  }

  /** A response matched to this transaction (§17.1.3: same branch and CSeq method). */
  receive(res: SipMessage, now: Micros): void {
    const s = this.state;
    if (s === TxState.Terminated) return;
    if (s === TxState.Completed) {
      // A retransmitted final response: INVITE answers it with the same ACK (§17.1.1.2);
      // non-INVITE absorbs it (§17.1.2.2). Neither passes it up.
      if (this.invite) this.sendAck(res, true);
      return;
    }
    if (isProvisional(res.status)) {
      if (s === TxState.Calling || s === TxState.Trying) {
        this.state = TxState.Proceeding;
        // INVITE stops retransmitting in Proceeding; non-INVITE goes on at T2 (§17.1.2.2).
        if (this.invite) this.retransmitToken++;
      }
      this.tu.onResponse(this, res, now);
      return;
    }
    if (!isFinal(res.status)) return;
    this.finalStatus = res.status;
    this.completedAt = now;
    this.retransmitToken++;
    this.timeoutToken++;
    if (this.invite && isSuccess(res.status)) {
      // A 2xx ends the INVITE client transaction at once; the ACK is the UAC core's (§17.1.1.2).
      this.tu.onResponse(this, res, now);
      this.terminate(now, TxEnd.Final);
      return;
    }
    this.state = TxState.Completed;
    if (this.invite) this.sendAck(res, false);
    this.tu.onResponse(this, res, now);
    // Timer D (INVITE) or K (non-INVITE) absorbs retransmitted responses; zero when reliable.
    const wait = this.invite ? this.timers.d : this.timers.k;
    this.waitThenTerminate(wait, now);
  }

  /**
   * The TU gives up waiting for a final response (§17.1.1.2 leaves Proceeding open-ended).
   * Once a final response came (Completed) the transaction is left to its own timer.
   */
  abandon(now: Micros): void {
    const s = this.state;
    if (s !== TxState.Calling && s !== TxState.Trying && s !== TxState.Proceeding) return;
    this.retransmitToken++;
    this.timeoutToken++;
    this.terminate(now, TxEnd.Abandoned);
  }

  private armRetransmit(): void {
    const token = ++this.retransmitToken;
    this.sim.after(this.interval, () => {
      if (token !== this.retransmitToken) return;
      this.transmit(true);
      if (this.invite) this.interval = nextTimerA(this.interval);
      else if (this.state === TxState.Proceeding) this.interval = this.timers.t2;
      else this.interval = nextCappedInterval(this.interval, this.timers.t2);
      this.armRetransmit();
    });
  }

  private transmit(retransmission: boolean): void {
    this.transmissions++;
    this.send(this.req, this.req.tx, retransmission);
  }

  /** ACK to a non-2xx final response: same branch as the INVITE (§17.1.1.3). */
  private sendAck(res: SipMessage, retransmission: boolean): void {
    const ack = request(SipMethod.Ack, this.req.tx, res.dialog, this.req.cseq, this.req.aor);
    this.send(ack, this.req.tx, retransmission);
  }

  private timedOut(now: Micros): void {
    const s = this.state;
    // Timer B only matters in Calling (§17.1.1.2); Timer F in Trying or Proceeding.
    if (this.invite ? s !== TxState.Calling : s !== TxState.Trying && s !== TxState.Proceeding) {
      return;
    }
    this.retransmitToken++;
    this.finalStatus = SipStatus.RequestTimeout;
    this.tu.onTimeout(this, now);
    this.terminate(now, TxEnd.Timeout);
  }

  private waitThenTerminate(wait: Micros, now: Micros): void {
    if (wait === 0) {
      this.terminate(now, TxEnd.Final);
      return;
    }
    const token = ++this.timeoutToken;
    this.sim.after(wait, (t) => {
      if (token === this.timeoutToken) this.terminate(t, TxEnd.Final);
    });
  }

  private terminate(now: Micros, end: TxEnd): void {
    this.state = TxState.Terminated;
    this.terminatedAt = now;
    this.end = end;
    this.tu.onTerminated(this, now);
  }
}
