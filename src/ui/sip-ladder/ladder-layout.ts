import * as d3 from 'd3';
import { SipMsgFlag, messageLabel } from '../../sim/telephony/sip-trace';
import type { SipCopy } from './sip-messages';

/** The ladder's columns, left to right. */
export const LADDER_COLUMNS = ['Client', 'Proxy/registrar (primary)', 'Backup'] as const;

export interface LadderArrow {
  readonly from: number;
  readonly to: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly label: string;
  readonly sentUs: number;
  readonly atUs: number;
  /** Sent again (by SIP or by TCP). */
  readonly retransmission: boolean;
  readonly tcp: boolean;
  readonly lost: boolean;
  readonly fromServer: boolean;
}

export interface LadderLayout {
  readonly columnX: readonly number[];
  readonly arrows: readonly LadderArrow[];
  readonly height: number;
  /** The failover as a band across the ladder (crash to gratuitous ARP), when the exchange spans it. */
  readonly band: { readonly y0: number; readonly y1: number } | null;
}

export const LADDER_ROW = 34;
export const LADDER_TOP = 56;

/**
 * Where each message copy of an exchange goes: one row per copy in the order they were sent,
 * the arrow slanting down to its receiver (a lost copy stops half-way). Rows, not a time axis:
 * retransmissions seconds apart and answers a millisecond apart must all stay legible; each
 * arrow is labelled with its time instead. The failover band sits between the last copy sent
 * before the crash and the first sent after the ARP.
 */
export function ladderLayout(
  copies: readonly SipCopy[],
  width: number,
  failover: { crashUs: number; arpUs: number } | null,
): LadderLayout {
  const x = d3
    .scalePoint<number>()
    .domain([0, 1, 2])
    .range([110, Math.max(420, width - 40)])
    .padding(0.2);
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([LADDER_TOP, LADDER_TOP + LADDER_ROW]);
  const col = (i: number) => x(i) ?? 0;
  const first = copies[0];
  const last = copies[copies.length - 1];
  const spans =
    failover !== null &&
    first !== undefined &&
    last !== undefined &&
    first.sentUs < failover.arpUs &&
    last.atUs > failover.crashUs;
  // The failover gets a row of its own (for its label) before the first copy sent after the crash.
  const before = spans ? copies.filter((c) => c.sentUs < failover.crashUs).length : Infinity;
  const after = spans ? copies.filter((c) => c.sentUs < failover.arpUs).length : Infinity;
  const row = (i: number) => (i >= before ? i + 1 : i);
  const arrows = copies.map((c, k): LadderArrow => {
    const i = row(k);
    const fromServer = (c.flags & SipMsgFlag.FromServer) !== 0;
    const server = c.flags & SipMsgFlag.AtBackup ? 2 : 1;
    const from = fromServer ? server : 0;
    const to = fromServer ? 0 : server;
    const lost = (c.flags & SipMsgFlag.Lost) !== 0;
    const x0 = col(from);
    const x1 = lost ? (x0 + col(to)) / 2 : col(to);
    return {
      from,
      to,
      x0,
      x1,
      y0: y(i),
      y1: y(i + 0.6),
      label: messageLabel(c.code),
      sentUs: c.sentUs,
      atUs: c.atUs,
      retransmission:
        (c.flags & (SipMsgFlag.SipRetransmission | SipMsgFlag.TcpRetransmission)) !== 0,
      tcp: (c.flags & SipMsgFlag.TcpRetransmission) !== 0,
      lost,
      fromServer,
    };
  });
  const band = spans ? { y0: y(before - 0.25), y1: y(after + 1 - 0.25) } : null;
  return {
    columnX: [0, 1, 2].map(col),
    arrows,
    height: y(copies.length + (spans ? 1 : 0)) + 10,
    band,
  };
}
