/**
 * How the RFC 3261 stack's messages are written to the trace (TraceKind.SipMsg), one record per
 * copy on the wire, at its arrival or its loss: what the SIP ladder view draws. Shared by the
 * simulation (which writes) and the views (which read), so it holds constants and pure functions only.
 */
import { SipMethod } from '../sip/message';

/** Bits of a SipMsg record's `b`. */
export const SipMsgFlag = {
  /** Sent by the server (proxy/registrar); else by the client. */
  FromServer: 1,
  /** The SIP layer sent this message again (Timer A/E, a 2xx or an ACK copy, §13). */
  SipRetransmission: 2,
  /** TCP sent this segment again after a loss (the SIP layer never saw it). */
  TcpRetransmission: 4,
  /** The copy never arrived (dropped on the way); `t` is when it was dropped. */
  Lost: 8,
  /** The server end is the backup host (after the takeover); else the primary. */
  AtBackup: 16,
} as const;

/** Trace entity of an exchange: a call by its dialog, a registration by its transaction. */
export function exchangeId(dialog: number, tx: number): number {
  return dialog >= 0 ? dialog * 2 + 1 : tx * 2;
}

/** Whether an exchange id names a call (else a registration), and its dialog or transaction. */
export function exchangeOf(id: number): { call: boolean; n: number } {
  return { call: id % 2 === 1, n: Math.floor(id / 2) };
}

/** The `a` column: status (0 for a request) and method. */
export const encodeMessage = (method: number, status: number): number => status * 8 + method;

export function decodeMessage(a: number): { method: number; status: number } {
  return { method: a % 8, status: Math.floor(a / 8) };
}

/** Whether a SipMsg record (`a`, `b`) is a registrar's 2xx to a REGISTER that reached its client. */
export function registrarAnswer(a: number, b: number): boolean {
  const status = Math.floor(a / 8);
  return (
    a % 8 === SipMethod.Register &&
    status >= 200 &&
    status < 300 &&
    (b & SipMsgFlag.FromServer) !== 0 &&
    (b & SipMsgFlag.Lost) === 0
  );
}

/** Whether a SipMsg record (`a`, `b`) is a client's REGISTER sent again by the SIP layer (Timer E). */
export function registerRetransmission(a: number, b: number): boolean {
  return (
    a === SipMethod.Register &&
    (b & SipMsgFlag.FromServer) === 0 &&
    (b & SipMsgFlag.SipRetransmission) !== 0
  );
}

const METHOD_NAMES: Record<number, string> = {
  [SipMethod.Invite]: 'INVITE',
  [SipMethod.Ack]: 'ACK',
  [SipMethod.Bye]: 'BYE',
  [SipMethod.Register]: 'REGISTER',
};

/** A label as a ladder diagram writes it: the method, or the status and the method it answers. */
export function messageLabel(a: number): string {
  const { method, status } = decodeMessage(a);
  const name = METHOD_NAMES[method] ?? '?';
  if (status === 0) return name;
  const reason: Record<number, string> = {
    100: 'Trying',
    180: 'Ringing',
    200: 'OK',
    408: 'Timeout',
    481: 'No dialog',
    486: 'Busy',
  };
  return `${status} ${reason[status] ?? ''} (${name})`.replace('  ', ' ');
}
