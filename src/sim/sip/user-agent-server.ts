import type { Simulator } from '../engine/simulator';
import { sec, type Micros } from '../engine/units';
import { SipMethod, SipStatus, isRequest, response, type SipMessage } from './message';
import { ServerTransaction } from './server-transaction';
import { DialogTable, LocationTable, TransactionTable, type StateWriteSink } from './state-tables';
import { nextCappedInterval, type SipTimers } from './timers';
import type { SipSend, TxRecord } from './transaction-state';

export interface UasParams {
  /** INVITE received → 180 Ringing sent (SIPp's uas.xml sends it at once: 0). */
  readonly ringDelay: Micros;
  /** INVITE received → 200 OK sent; at least `ringDelay`. */
  readonly answerDelay: Micros;
  /** Dialogs the server takes; an INVITE beyond them is refused with 486 Busy Here. */
  readonly maxDialogs: number;
  /** Binding lifetime granted to a REGISTER (RFC 3261 §10.2.1.1's default, 3600 s). */
  readonly registerExpiresS: number;
  /** False: a hung process that reads no request (its kernel still completes TCP handshakes). */
  readonly answering: boolean;
}

export const DEFAULT_UAS: UasParams = {
  ringDelay: 0 as Micros,
  answerDelay: 0 as Micros,
  maxDialogs: Infinity,
  registerExpiresS: 3600,
  answering: true,
};

/** What the UAS core saw and did. */
export interface UasStats {
  requests: number;
  /** Requests answered from a server transaction or ignored as copies (never reach the TU). */
  absorbed: number;
  /** 2xx to INVITE sent again by the core while waiting for the ACK (§13.3.1.4). */
  okRetransmissions: number;
  /** Dialogs ended because no ACK came within 64·T1 of the 2xx. */
  ackTimeouts: number;
  /** INVITEs refused with 486. */
  busy: number;
  /** BYEs for a dialog the server does not know, answered 481. */
  unknownDialog: number;
}

interface PendingOk {
  readonly msg: SipMessage;
  interval: Micros;
  token: number;
}

/**
 * A registrar and UAS core: answers REGISTER from its location table, INVITE with 100, 180
 * and 200 (keeping the dialog), BYE with 200 (or 481 for a dialog it does not have). The 2xx
 * to INVITE is retransmitted by the core, T1 doubling to T2, until the ACK arrives or 64·T1
 * passed (§13.3.1.4), whatever the transport.
 */
export class UserAgentServer {
  readonly bindings: LocationTable;
  readonly dialogs: DialogTable;
  /** Server transactions as memory (the live ones are also in `transactions`). */
  readonly transactionState: TransactionTable;
  readonly stats: UasStats = {
    requests: 0,
    absorbed: 0,
    okRetransmissions: 0,
    ackTimeouts: 0,
    busy: 0,
    unknownDialog: 0,
  };
  private readonly transactions = new Map<number, ServerTransaction>();
  private readonly pendingOk = new Map<number, PendingOk>();
  /** Bumped when the state is lost, so timers armed before it do nothing. */
  private epoch = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly timers: SipTimers,
    private readonly send: SipSend,
    private readonly params: UasParams = DEFAULT_UAS,
    sink?: StateWriteSink,
    /** Sees every server transaction when it is created (tests, metrics). */
    private readonly observe?: (tx: TxRecord) => void,
  ) {
    this.bindings = new LocationTable(sink);
    this.dialogs = new DialogTable(sink);
    this.transactionState = new TransactionTable(sink);
  }

  /** Server transactions not yet terminated. */
  get liveTransactions(): number {
    return this.transactions.size;
  }

  /** A message from the transport. */
  receive(msg: SipMessage, now: Micros): void {
    if (!isRequest(msg) || !this.params.answering) return;
    this.stats.requests++;
    const tx = this.transactions.get(msg.tx);
    if (tx) {
      tx.receive(msg, now);
      if (msg.method !== SipMethod.Ack) this.stats.absorbed++;
      return;
    }
    switch (msg.method) {
      case SipMethod.Ack:
        this.ack(msg);
        return;
      case SipMethod.Register:
        this.register(msg, now);
        return;
      case SipMethod.Invite:
        this.invite(msg);
        return;
      case SipMethod.Bye:
        this.bye(msg);
    }
  }

  /** The server lost its memory (restarted, or a backup took over without it). */
  loseState(): void {
    this.epoch++;
    this.transactions.clear();
    this.pendingOk.clear();
    this.bindings.clear();
    this.dialogs.clear();
    this.transactionState.clear();
  }

  /**
   * Resumes from a checkpoint's bindings and dialogs (a backup taking over). A dialog whose
   * 2xx was sent but not yet ACKed gets its 2xx retransmissions back (§13.3.1.4), as the
   * restored core's timer would resume them. Server transactions are not restored: a request
   * retransmitted into the gap is answered anew, which the client cannot tell apart.
   */
  restore(
    bindings: Iterable<readonly [aor: number, expiresAt: number]>,
    dialogs: Iterable<{
      readonly dialog: number;
      readonly confirmed: boolean;
      readonly ok: SipMessage | undefined;
    }>,
  ): void {
    for (const [aor, expiresAt] of bindings) this.bindings.bind(aor, expiresAt);
    for (const d of dialogs) {
      this.dialogs.create(d.dialog);
      if (d.confirmed) this.dialogs.confirm(d.dialog);
      else if (d.ok) this.startOkRetransmissions(d.ok);
    }
  }

  private serverTransaction(req: SipMessage): ServerTransaction {
    const epoch = this.epoch;
    const send: SipSend = (m, key, retx) => {
      if (epoch !== this.epoch) return;
      if (!retx) this.transactionState.respond(req.tx, m.bytes);
      this.send(m, key, retx);
    };
    this.transactionState.open(req.tx);
    const tx = new ServerTransaction(this.sim, this.timers, send, this.tuOf(epoch), req);
    this.transactions.set(req.tx, tx);
    this.observe?.(tx);
    return tx;
  }

  private tuOf(epoch: number): { onTerminated: (tx: ServerTransaction) => void } {
    return {
      onTerminated: (tx) => {
        if (epoch !== this.epoch) return;
        this.transactions.delete(tx.id);
        this.transactionState.close(tx.id);
      },
    };
  }

  private register(req: SipMessage, now: Micros): void {
    const tx = this.serverTransaction(req);
    this.bindings.bind(req.aor, now + sec(this.params.registerExpiresS));
    tx.respond(SipStatus.Ok);
  }

  private invite(req: SipMessage): void {
    if (this.dialogs.has(req.dialog)) {
      // A copy of an INVITE whose transaction the 2xx ended: the core's 2xx retransmissions
      // answer it (§13.3.1.4).
      this.stats.absorbed++;
      return;
    }
    const tx = this.serverTransaction(req);
    if (this.dialogs.size >= this.params.maxDialogs) {
      this.stats.busy++;
      tx.respond(SipStatus.Busy);
      return;
    }
    const epoch = this.epoch;
    const { ringDelay, answerDelay } = this.params;
    this.sim.after(ringDelay, () => {
      if (epoch !== this.epoch) return;
      this.dialogs.create(req.dialog); // early dialog (§12.1.1)
      tx.respond(SipStatus.Ringing);
    });
    this.sim.after(Math.max(ringDelay, answerDelay), () => {
      if (epoch !== this.epoch || !this.dialogs.has(req.dialog)) return;
      tx.respond(SipStatus.Ok);
      this.startOkRetransmissions(response(req, SipStatus.Ok));
    });
  }

  private startOkRetransmissions(ok: SipMessage): void {
    const p: PendingOk = { msg: ok, interval: this.timers.t1, token: 0 };
    this.pendingOk.set(ok.dialog, p);
    this.armOk(p);
    const epoch = this.epoch;
    this.sim.after(64 * this.timers.t1, () => {
      if (epoch !== this.epoch || this.pendingOk.get(ok.dialog) !== p) return;
      // §13.3.1.4: no ACK within 64·T1 of the 2xx: the dialog is given up.
      p.token++;
      this.pendingOk.delete(ok.dialog);
      this.dialogs.remove(ok.dialog);
      this.stats.ackTimeouts++;
    });
  }

  private armOk(p: PendingOk): void {
    const token = ++p.token;
    const epoch = this.epoch;
    this.sim.after(p.interval, () => {
      if (epoch !== this.epoch || token !== p.token) return;
      this.stats.okRetransmissions++;
      this.send(p.msg, p.msg.tx, true);
      p.interval = nextCappedInterval(p.interval, this.timers.t2);
      this.armOk(p);
    });
  }

  /** ACK of a 2xx: its own branch, matched to the dialog (§13.3.1.4, §17.2.3). */
  private ack(msg: SipMessage): void {
    const p = this.pendingOk.get(msg.dialog);
    if (!p) {
      this.stats.absorbed++; // a copy answering a retransmitted 2xx, or too late
      return;
    }
    p.token++;
    this.pendingOk.delete(msg.dialog);
    this.dialogs.confirm(msg.dialog);
  }

  private bye(req: SipMessage): void {
    const tx = this.serverTransaction(req);
    if (!this.dialogs.has(req.dialog)) {
      this.stats.unknownDialog++;
      tx.respond(SipStatus.NoDialog);
      return;
    }
    const p = this.pendingOk.get(req.dialog);
    if (p) {
      p.token++;
      this.pendingOk.delete(req.dialog);
    }
    this.dialogs.remove(req.dialog);
    tx.respond(SipStatus.Ok);
  }
}
