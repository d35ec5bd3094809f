import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import { SipMethod, SipStatus, isFinal, isSuccess, response, type SipMessage } from './message';
import { nextCappedInterval, type SipTimers } from './timers';
import { TxEnd, TxState, type SipSend, type TxRecord } from './transaction-state';

/** The transaction user above a server transaction (the UAS core). */
export interface ServerTransactionUser {
  /** Timer H fired: the ACK for a non-2xx final response never came (§17.2.1). */
  onNoAck?(tx: ServerTransaction, now: Micros): void;
  /** The transaction reached Terminated. */
  onTerminated(tx: ServerTransaction, now: Micros): void;
}

/**
 * RFC 3261 server transactions: INVITE (§17.2.1, Figure 7: Proceeding, Completed, Confirmed,
 * Terminated) and non-INVITE (§17.2.2, Figure 8: Trying, Proceeding, Completed, Terminated).
 * The TU answers through `respond`; retransmitted requests are absorbed here and answered
 * with the last response, as the RFC has the transaction do.
 */
export class ServerTransaction implements TxRecord {
  readonly invite: boolean;
  readonly startedAt: Micros;
  state: TxState;
  transmissions = 0;
  completedAt = Infinity;
  terminatedAt = Infinity;
  end: TxEnd | 0 = 0;
  /** Retransmitted requests absorbed (answered from here, never seen by the TU). */
  absorbed = 0;
  private last: SipMessage | undefined;
  private retransmitToken = 0;
  private timeoutToken = 0;
  private interval: Micros;

  constructor(
    private readonly sim: Simulator,
    private readonly timers: SipTimers,
    private readonly send: SipSend,
    private readonly tu: ServerTransactionUser,
    readonly req: SipMessage,
  ) {
    this.invite = req.method === SipMethod.Invite;
    this.startedAt = sim.now;
    this.interval = timers.g;
    if (this.invite) {
      // §17.2.1: an INVITE server transaction starts in Proceeding and MUST send 100 Trying
      // unless the TU answers within 200 ms (then it MAY). Sending it at once, as stateful
      // proxies do, stops the UAC's Timer A whatever the TU's delay. (SIPp's built-in uas
      // sends none: it answers 180 at once.)
      this.state = TxState.Proceeding;
      this.respond(SipStatus.Trying);
    } else {
      this.state = TxState.Trying;
    }
  }

  get id(): number {
    return this.req.tx;
  }

  /** A request matched to this transaction: a retransmission, or the ACK of a non-2xx. */
  receive(req: SipMessage, now: Micros): void {
    const s = this.state;
    if (this.invite && req.method === SipMethod.Ack) {
      if (s !== TxState.Completed) return; // Confirmed absorbs further ACKs
      this.state = TxState.Confirmed;
      this.retransmitToken++;
      this.timeoutToken++;
      // Timer I absorbs ACK retransmissions; zero over a reliable transport.
      this.waitThenTerminate(this.timers.i, now);
      return;
    }
    if (s === TxState.Terminated || s === TxState.Confirmed) return;
    this.absorbed++;
    // Trying has nothing to resend; Proceeding resends its provisional, Completed its final.
    if (s !== TxState.Trying && this.last) this.resend(this.last);
  }

  /** The TU's response. Ignored once a final response was sent. */
  respond(status: number): void {
    const s = this.state;
    if (s !== TxState.Trying && s !== TxState.Proceeding) return;
    const res = response(this.req, status);
    this.last = res;
    const now = this.sim.now;
    if (!isFinal(status)) {
      this.state = TxState.Proceeding;
      this.send(res, this.req.tx, false);
      return;
    }
    this.transmissions++;
    this.completedAt = now;
    this.send(res, this.req.tx, false);
    if (this.invite && isSuccess(status)) {
      // §17.2.1: a 2xx ends the INVITE server transaction; the UAS core retransmits it.
      this.terminate(now, TxEnd.Final);
      return;
    }
    this.state = TxState.Completed;
    if (!this.invite) {
      // Timer J keeps the final response for retransmitted requests; zero when reliable.
      this.waitThenTerminate(this.timers.j, now);
      return;
    }
    if (this.timers.retransmits) this.armTimerG();
    const token = ++this.timeoutToken;
    this.sim.after(this.timers.h, (t) => {
      if (token !== this.timeoutToken || this.state !== TxState.Completed) return;
      this.retransmitToken++;
      this.tu.onNoAck?.(this, t);
      this.terminate(t, TxEnd.NoAck);
    });
  }

  private armTimerG(): void {
    const token = ++this.retransmitToken;
    this.sim.after(this.interval, () => {
      if (token !== this.retransmitToken || !this.last) return;
      this.resend(this.last);
      this.interval = nextCappedInterval(this.interval, this.timers.t2);
      this.armTimerG();
    });
  }

  private resend(res: SipMessage): void {
    if (isFinal(res.status)) this.transmissions++;
    this.send(res, this.req.tx, true);
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
