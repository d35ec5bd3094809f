import { SipMsgFlag, exchangeOf } from '../../sim/telephony/sip-trace';
import { f64, u32, u8 } from '../views/column';

/** One exchange (a call or a registration) the ladder can show. */
export interface SipExchange {
  readonly id: number;
  readonly call: boolean;
  /** Dialog (call) or transaction (registration) number. */
  readonly n: number;
  /** When its first message was sent (µs). */
  readonly firstUs: number;
  /** Copies sent again (by SIP or TCP) or lost: the interesting ones. */
  troubled: boolean;
}

/** One SIP message copy of an exchange, as the ladder draws it. */
export interface SipCopy {
  readonly sentUs: number;
  /** Arrival, or when it was dropped. */
  readonly atUs: number;
  /** status · 8 + method (src/sim/telephony/sip-trace.ts). */
  readonly code: number;
  readonly flags: number;
}

const TROUBLE = SipMsgFlag.SipRetransmission | SipMsgFlag.TcpRetransmission | SipMsgFlag.Lost;

/**
 * The RFC 3261 stack's SIP message records (TraceKind.SipMsg) in typed columns, with an index of
 * record positions by exchange: what the SIP ladder reads. Fed by RunViews as batches arrive.
 */
export class SipMessages {
  private readonly t = f64();
  private readonly sent = f64();
  private readonly code = u32();
  private readonly flags = u8();
  private readonly byExchange = new Map<number, number[]>();
  /** Exchanges in the order their first record arrived. */
  readonly exchanges: SipExchange[] = [];
  private readonly exchangeIndex = new Map<number, SipExchange>();

  get count(): number {
    return this.t.length;
  }

  add(t: number, entity: number, a: number, b: number, c: number): void {
    const i = this.t.length;
    this.t.push(t);
    this.sent.push(c);
    this.code.push(a);
    this.flags.push(b);
    let rows = this.byExchange.get(entity);
    if (!rows) {
      rows = [];
      this.byExchange.set(entity, rows);
      const { call, n } = exchangeOf(entity);
      const x: SipExchange = { id: entity, call, n, firstUs: c, troubled: false };
      this.exchanges.push(x);
      this.exchangeIndex.set(entity, x);
    }
    rows.push(i);
    if (b & TROUBLE) (this.exchangeIndex.get(entity) as SipExchange).troubled = true;
  }

  commit(): void {
    for (const c of [this.t, this.sent, this.code, this.flags]) c.commit();
  }

  /** The copies of exchange `id`, by the time they were sent. */
  copiesOf(id: number): SipCopy[] {
    const rows = this.byExchange.get(id) ?? [];
    const out = rows.map((i) => ({
      sentUs: this.sent.values[i] as number,
      atUs: this.t.values[i] as number,
      code: this.code.values[i] as number,
      flags: this.flags.values[i] as number,
    }));
    return out.sort((x, y) => x.sentUs - y.sentUs || x.atUs - y.atUs);
  }
}
