/**
 * A SIP message as ints: no strings on the hot path. What the real message says in its
 * headers is folded into numbers: the Via branch is `tx`, the Call-ID and tags are `dialog`,
 * CSeq is `cseq` (with `method`, as CSeq carries the method of the request a response answers).
 */
export const SipMethod = { Invite: 1, Ack: 2, Bye: 3, Register: 4 } as const;
export type SipMethod = (typeof SipMethod)[keyof typeof SipMethod];

/** Status codes the model uses (RFC 3261 §21). */
export const SipStatus = {
  Trying: 100,
  Ringing: 180,
  Ok: 200,
  /** §8.1.3.1: a transaction timeout is handled as if a 408 had arrived. */
  RequestTimeout: 408,
  Busy: 486,
  /** §12.2.2: a request inside a dialog the UAS does not know (the dialog was lost). */
  NoDialog: 481,
  ServerError: 500,
} as const;

export interface SipMessage {
  /** The request's method; for a response, the method in its CSeq. */
  readonly method: SipMethod;
  /** 0 for a request, else the status code. */
  readonly status: number;
  /** Transaction id (the top Via branch, §17.1.3). A 2xx's ACK has a branch of its own. */
  readonly tx: number;
  /** Dialog id (Call-ID plus tags, §12); -1 outside a dialog (REGISTER). */
  readonly dialog: number;
  readonly cseq: number;
  /** User (address of record) the request is for or from. */
  readonly aor: number;
  /** Size of the SIP message (start line, headers, body), without transport headers. */
  readonly bytes: number;
}

export const isRequest = (m: SipMessage): boolean => m.status === 0;
export const isProvisional = (status: number): boolean => status >= 100 && status < 200;
export const isSuccess = (status: number): boolean => status >= 200 && status < 300;
export const isFinal = (status: number): boolean => status >= 200;

/**
 * SIP message sizes in bytes. Estimates from SIPp's built-in uac/uas and regexp (REGISTER)
 * scenarios rendered with IPv4 addresses and SIPp's default header set: headers of
 * Via/From/To/Call-ID/CSeq/Contact/Max-Forwards/Subject/Content-Length come to 350–450 B,
 * the SDP offer or answer (v, o, s, c, t, m, a=rtpmap) to ~ 130 B more. REGISTER and its
 * 200 OK match src/sim/net/packet.ts (520 / 420 B), so both models agree.
 */
export const SIP_BYTES = {
  register: 520,
  invite: 850,
  ack: 400,
  bye: 450,
  trying: 350,
  ringing: 400,
  /** 200 OK to INVITE carries the SDP answer. */
  inviteOk: 780,
  /** 200 OK to REGISTER (Contact with expires) or BYE. */
  ok: 420,
  /** A final error response (4xx–6xx), no body. */
  error: 400,
} as const;

/** Size of a request with `method`. */
export function requestBytes(method: SipMethod): number {
  switch (method) {
    case SipMethod.Invite:
      return SIP_BYTES.invite;
    case SipMethod.Ack:
      return SIP_BYTES.ack;
    case SipMethod.Bye:
      return SIP_BYTES.bye;
    case SipMethod.Register:
      return SIP_BYTES.register;
  }
}

/** Size of a response with `status` to a request with `method`. */
export function responseBytes(method: SipMethod, status: number): number {
  if (status === SipStatus.Trying) return SIP_BYTES.trying;
  if (isProvisional(status)) return SIP_BYTES.ringing;
  if (isSuccess(status)) return method === SipMethod.Invite ? SIP_BYTES.inviteOk : SIP_BYTES.ok;
  return SIP_BYTES.error;
}

/** A request (size from its method). */
export function request(
  method: SipMethod,
  tx: number,
  dialog: number,
  cseq: number,
  aor: number,
): SipMessage {
  return { method, status: 0, tx, dialog, cseq, aor, bytes: requestBytes(method) };
}

/** The response with `status` to `req` (§8.2.6.2: same branch, Call-ID, CSeq). */
export function response(req: SipMessage, status: number): SipMessage {
  return {
    method: req.method,
    status,
    tx: req.tx,
    dialog: req.dialog,
    cseq: req.cseq,
    aor: req.aor,
    bytes: responseBytes(req.method, status),
  };
}
